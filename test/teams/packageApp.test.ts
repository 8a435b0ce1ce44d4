import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import {
  PACKAGE_ENTRIES,
  PackagingError,
  TEAMS_FILES,
  packageApp,
  validateLocalization,
  validateManifest,
  type JsonObject,
} from '../../src/teams/packageApp.ts';
import pkg from '../../package.json' with { type: 'json' };
import { readIhdr } from './png.ts';

const BOT_ID = '0f6c2d1e-8a3b-4c5d-9e7f-1a2b3c4d5e6f';
const dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every entry of a zip, read with yauzl (strict: it rejects malformed archives). */
function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('npm run teams:package', () => {
  it('writes a zip of exactly manifest.json, fr.json, color.png and outline.png, at its root', async () => {
    const out = join(dir, 'nested', 'app.zip');
    const result = await packageApp({ MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'secret' }, out);
    expect(result.file).toBe(out);
    const entries = await unzip(out);
    expect([...entries.keys()]).toEqual([...PACKAGE_ENTRIES]);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as JsonObject & {
      id: string; version: string; bots: Array<{ botId: string }>;
    };
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.version).toBe(pkg.version);

    const fr = JSON.parse(entries.get('fr.json')!.toString('utf8')) as JsonObject;
    expect(await validateManifest(manifest, fr)).toEqual([]);
    expect(await validateLocalization(fr)).toEqual([]);

    expect(entries.get('fr.json')).toEqual(readFileSync(TEAMS_FILES.fr));
    expect(entries.get('color.png')).toEqual(readFileSync(TEAMS_FILES.color));
    expect(entries.get('outline.png')).toEqual(readFileSync(TEAMS_FILES.outline));
    expect(readIhdr(entries.get('color.png')!)).toMatchObject({ width: 192, height: 192 });
    expect(readIhdr(entries.get('outline.png')!)).toMatchObject({ width: 32, height: 32, colorType: 6 });
  });

  it('gives the same bytes for the same inputs', async () => {
    const env = { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'secret' };
    await packageApp(env, join(dir, 'a.zip'));
    await packageApp(env, join(dir, 'b.zip'));
    expect(readFileSync(join(dir, 'a.zip'))).toEqual(readFileSync(join(dir, 'b.zip')));
  });

  it('refuses to package without MicrosoftAppId, saying to set it, and writes nothing', async () => {
    const out = join(dir, 'none.zip');
    await expect(packageApp({}, out)).rejects.toThrow(PackagingError);
    await expect(packageApp({ MicrosoftAppId: '' }, out)).rejects.toThrow(/set MicrosoftAppId/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an app id that is not a GUID', async () => {
    await expect(packageApp({ MicrosoftAppId: 'access-bot', MicrosoftAppPassword: 'x' }, join(dir, 'bad.zip'))).rejects.toThrow(/GUID/);
  });
});
