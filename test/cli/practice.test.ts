// The operator's command, run as a process on temporary stores: register a practice, show it, import
// its client companies and colleagues from real-world CSV exports (test/fixtures/import/).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateStore } from '../../src/domain/validateStore.ts';
import { startServerProcess } from '../support/httpBot.ts';
import { runPractice } from '../support/practiceCommand.ts';
import { storeBytes, storeOnDisk } from '../support/storeOnDisk.ts';
import { tempFile } from '../store/helpers.ts';

const TENANT = '4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

async function freshStore() {
  const dataFile = await tempFile('db.json');
  return { DATA_FILE: dataFile, CONVERSATIONS_FILE: join(dataFile, '..', 'conversations.json') };
}

async function registered() {
  const env = await freshStore();
  const run = await runPractice(['create', '--name', 'Cabinet Dubois', '--tenant', TENANT, '--owner-email', 'marie.dubois@cabinet-dubois.fr'], env);
  expect(run.code, run.stderr).toBe(0);
  return env;
}

async function shown(env: Record<string, string>) {
  const run = await runPractice(['show', '--tenant', TENANT, '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

const importArgs = (kind: string, file: string, ...more: string[]) => ['import', '--tenant', TENANT, kind, file, ...more];

describe('npm run practice -- create / show', () => {
  it('creates the store when there is none, holding the new practice alone (no demo data), and shows it', async () => {
    const env = await freshStore();
    const run = await runPractice(['create', '--name', 'Cabinet Dubois', '--tenant', TENANT.toUpperCase(), '--owner-email', 'marie.dubois@cabinet-dubois.fr'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Registered Cabinet Dubois');
    expect(await shown(env)).toEqual({ name: 'Cabinet Dubois', tenantId: TENANT, companies: 0, colleagues: 1, grants: 0, invitations: 1 });

    const store = await storeOnDisk(env.DATA_FILE);
    expect(validateStore(store)).toEqual([]);
    expect(store.practices.map((p) => p.name)).toEqual(['Cabinet Dubois']);
    expect(store.practices[0].colleagues).toEqual([expect.objectContaining({
      email: 'marie.dubois@cabinet-dubois.fr', status: 'invited', practiceRole: 'client-management.business-owner',
    })]);
    expect(store.practices[0].colleagues[0].aadObjectId).toBeUndefined();
    expect(existsSync(`${env.DATA_FILE}.lock`)).toBe(false);
  });

  it('refuses a tenant already registered, a bad e-mail and a tenant id that is no GUID, changing nothing', async () => {
    const env = await registered();
    const before = await storeBytes(env.DATA_FILE);
    const again = await runPractice(['create', '--name', 'Autre', '--tenant', TENANT, '--owner-email', 'a@b.fr'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`already has a practice with tenant ${TENANT}`);
    const badEmail = await runPractice(['create', '--name', 'Autre', '--tenant', '0f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59', '--owner-email', 'marie.dubois'], env);
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toContain('--owner-email must be the Business Owner\'s e-mail address; got "marie.dubois"');
    const badTenant = await runPractice(['create', '--name', 'Autre', '--tenant', 'cabinet-dubois', '--owner-email', 'a@b.fr'], env);
    expect(badTenant.code).toBe(1);
    expect(badTenant.stderr).toContain('--tenant must be the practice\'s Microsoft Entra tenant id, a GUID');
    expect(await storeBytes(env.DATA_FILE)).toBe(before);
  });

  it('says there is no store yet, or no such practice, and how to use it', async () => {
    const env = await freshStore();
    const none = await runPractice(['show', '--tenant', TENANT], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`There is no store at ${env.DATA_FILE} yet: register the practice first`);
    expect(existsSync(env.DATA_FILE)).toBe(false);
    await registered().then(async (other) => {
      const unknown = await runPractice(['show', '--tenant', '0f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59'], other);
      expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('has no practice with tenant 0f1c2b3a') });
    });
    const usage = await runPractice(['show'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage');
  });
});

describe('one process per store', () => {
  it('refuses while the server holds the store, naming its pid, and works once it has stopped', async () => {
    const env = await freshStore();
    const server = await startServerProcess('src/index.ts', env);
    try {
      const before = await storeBytes(env.DATA_FILE);
      const run = await runPractice(['create', '--name', 'Cabinet Dubois', '--tenant', TENANT, '--owner-email', 'a@b.fr'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`The store ${env.DATA_FILE} is in use by the server (pid ${server.pid}); stop it first`);
      expect(await storeBytes(env.DATA_FILE)).toBe(before);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(`${env.DATA_FILE}.lock`)).toBe(false);
    const run = await runPractice(['create', '--name', 'Cabinet Dubois', '--tenant', TENANT, '--owner-email', 'a@b.fr'], env);
    expect(run.code, run.stderr).toBe(0);
    // The server made the store from the demo data; the new practice joined it.
    expect((await storeOnDisk(env.DATA_FILE)).practices.map((p) => p.id)).toEqual(['demo', 'north', 'cabinet-dubois']);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const env = await freshStore();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(`${env.DATA_FILE}.lock`, JSON.stringify({ pid: Number(gone), holder: 'server', since: new Date().toISOString() }));
    const run = await runPractice(['create', '--name', 'Cabinet Dubois', '--tenant', TENANT, '--owner-email', 'a@b.fr'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(`${env.DATA_FILE}.lock`)).toBe(false);
  });

  it('keeps the server from starting while the command holds the store', async () => {
    const env = await freshStore();
    // This test's own process stands for a command still running.
    await writeFile(`${env.DATA_FILE}.lock`, JSON.stringify({ pid: process.pid, holder: 'practice command', since: new Date().toISOString() }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { env: { PATH: process.env.PATH ?? '', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`Access Assistant cannot start: The store ${env.DATA_FILE} is in use by the practice command (pid ${process.pid})`);
    expect(existsSync(env.DATA_FILE)).toBe(false);
  });
});

describe('npm run practice -- import', () => {
  it('imports companies from UTF-8 with BOM and commas, then Windows-1252 with semicolons and French headers', async () => {
    const env = await registered();
    const first = await runPractice(importArgs('companies', fixture('companies-utf8-bom-commas.csv'), '--yes'), env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('companies-utf8-bom-commas.csv: UTF-8, separated by commas, 8 rows after the header.');
    expect(first.stdout).toContain('Companies for Cabinet Dubois: 5 new, 0 already there, 3 refused.');
    expect(first.stdout).toContain('  Line 7: the name is missing\n  Line 8: “Sage” is not a product');
    expect(first.stdout).toContain('  Line 9: the same as line 2\n');
    expect(first.stdout).toMatch(/Preview made in \d+ ms\./);
    expect(first.stdout).toContain('Imported 5 companies in one change');

    const second = await runPractice(importArgs('companies', fixture('companies-windows1252-semicolons.csv'), '--yes'), env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('WINDOWS-1252, separated by semicolons, 5 rows after the header.');
    expect(second.stdout).toContain('Companies for Cabinet Dubois: 3 new, 1 already there, 1 refused.');
    expect(second.stdout).toContain('  Line 6: “Comptabilité” is not a product');
    expect((await shown(env)).companies).toBe(8);

    const [practice] = (await storeOnDisk(env.DATA_FILE)).practices;
    const products = Object.fromEntries(practice.companies.map((c) => [c.name, c.products.join(' ')]));
    expect(products).toEqual({
      'Boulangerie Dupont SARL': 'client-management autoentry futrli',
      'Garage Leroy, Fils & Cie': 'client-management autoentry',
      'Le "Petit" Café': 'client-management autoentry',
      'Thames Valley Plumbing Ltd': 'client-management goproposal',
      'Hôtel des Voyageurs': 'client-management',
      'Pâtisserie Lefèvre & Sœurs': 'client-management autoentry futrli',
      'Café de l’Étoile': 'client-management goproposal',
      "Société Générale d'Équipement; SAS": 'client-management autoentry',
    });
    expect(practice.audit.filter((e) => e.action === 'company-added').map((e) => [e.actorId, e.outcome])).toEqual(Array(8).fill(['operator', 'done']));
  });

  it('asks before writing: "n" writes nothing, no answer writes nothing, "y" imports; the same file again is all already there', async () => {
    const env = await registered();
    const file = fixture('colleagues-windows1252-semicolons.csv');
    const before = await storeBytes(env.DATA_FILE);
    const no = await runPractice(importArgs('colleagues', file), env, 'n\n');
    expect(no.code, no.stderr).toBe(0);
    expect(no.stdout).toContain('Colleagues for Cabinet Dubois: 4 new, 0 already there, 6 refused.');
    expect(no.stdout).toContain([
      '  Line 5: the e-mail address is missing',
      '  Line 6: “paul.martin@” is not an e-mail address',
      '  Line 7: the same as line 2',
      '  Line 8: “Stagiaire” is not a Client Management role',
    ].join('\n'));
    expect(no.stdout).toContain('  Line 9: “Allemand” is not a language the products offer');
    expect(no.stdout).toContain('  Line 10: a practice has one Business Owner');
    expect(no.stdout).toContain('Import the 4 colleagues? [y/N] Nothing was imported.');
    const silent = await runPractice(importArgs('colleagues', file), env);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain('No answer: nothing was imported (add --yes to import without asking).');
    expect(await storeBytes(env.DATA_FILE)).toBe(before);

    const yes = await runPractice(importArgs('colleagues', file), env, 'y\n');
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toContain('Imported 4 colleagues in one change');
    const [practice] = (await storeOnDisk(env.DATA_FILE)).practices;
    expect(practice.colleagues.slice(1).map((c) => [c.name, c.email, c.practiceRole, c.language, c.status])).toEqual([
      ['Amélie Fontaine', 'amelie.fontaine@cabinet-dubois.fr', 'client-management.administrator', 'fr-FR', 'invited'],
      ['Jérôme Lefèvre', 'jerome.lefevre@cabinet-dubois.fr', 'client-management.read-only', 'fr-FR', 'invited'],
      ['Hélène Moreau', 'helene.moreau@cabinet-dubois.fr', 'client-management.basic', 'en-GB', 'invited'],
      ['Léa Durand', 'lea.durand@cabinet-dubois.fr', 'client-management.practice-management', 'fr-FR', 'invited'],
    ]);
    const invited = practice.audit.filter((e) => e.action === 'invitation-created' && e.actorId === 'operator');
    expect(invited).toHaveLength(5); // the Business Owner's and the four imported
    expect(await shown(env)).toMatchObject({ colleagues: 5, invitations: 5 });

    const after = await storeBytes(env.DATA_FILE);
    const again = await runPractice(importArgs('colleagues', file, '--yes'), env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Colleagues for Cabinet Dubois: 0 new, 4 already there, 6 refused.');
    expect(again.stdout).toContain('Nothing to import.');
    expect(await storeBytes(env.DATA_FILE)).toBe(after);
  });

  it('imports colleagues from UTF-8 with BOM and English headers; the Business Owner in the file is already there', async () => {
    const env = await registered();
    const run = await runPractice(importArgs('colleagues', fixture('colleagues-utf8-bom-commas.csv'), '--yes'), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Colleagues for Cabinet Dubois: 2 new, 1 already there, 1 refused.\nRefused (fix these lines and import the file again to add them):\n  Line 5: the e-mail address is missing\n');
    const [practice] = (await storeOnDisk(env.DATA_FILE)).practices;
    expect(practice.colleagues.map((c) => c.name)).toContain('Carter, James');
  });

  it('refuses a file it cannot use, saying why, and writes nothing', async () => {
    const env = await registered();
    const before = await storeBytes(env.DATA_FILE);
    const noColumn = await runPractice(importArgs('colleagues', fixture('companies-utf8-bom-commas.csv'), '--yes'), env);
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toContain("companies-utf8-bom-commas.csv: The file's first line should name its columns, and it has no E-mail column. Nothing was imported.");
    const missing = await runPractice(importArgs('companies', fixture('nowhere.csv'), '--yes'), env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no such file');
    expect(await storeBytes(env.DATA_FILE)).toBe(before);
  });

  it('previews and imports 10,000 rows (Windows-1252, semicolons), the refused ones named by line', async () => {
    const env = await registered();
    const rows = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 999 ? `Société n°${i};Sage` : `Société n°${i};AutoEntry; Futrli`));
    const file = await tempFile('clients.csv');
    await writeFile(file, Buffer.from(`Nom;Produits\r\n${rows.map((row) => row.replace('; Futrli', ', Futrli')).join('\r\n')}\r\n`, 'latin1'));
    const run = await runPractice(importArgs('companies', file, '--yes'), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('WINDOWS-1252, separated by semicolons, 10000 rows after the header.');
    expect(run.stdout).toContain('Companies for Cabinet Dubois: 9990 new, 0 already there, 10 refused.');
    expect(run.stdout).toContain('  Line 1001: “Sage” is not a product');
    expect(run.stdout).toContain('  Line 10001: “Sage” is not a product');
    expect(run.stdout).toMatch(/Preview made in \d+ ms\./);
    expect((await shown(env)).companies).toBe(9990);
    const again = await runPractice(importArgs('companies', file, '--yes'), env);
    expect(again.stdout).toContain('Companies for Cabinet Dubois: 0 new, 9990 already there, 10 refused.');
  }, 60_000);
});
