// Builds the Teams app package: the manifest template filled with the bot's Microsoft App ID,
// validated offline against the JSON schemas bundled in @microsoft/app-manifest, zipped with its
// French strings and icons. `npm run teams:package` writes build/access-assistant-teams.zip.
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ZipFile } from 'yazl';
import pkg from '../../package.json' with { type: 'json' };
import { loadConfig } from '../config.ts';

export const MANIFEST_VERSION = '1.30';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

const HERE = dirname(fileURLToPath(import.meta.url));
export const TEAMS_FILES = {
  template: join(HERE, 'manifest.template.json'),
  fr: join(HERE, 'fr.json'),
  color: join(HERE, 'color.png'),
  outline: join(HERE, 'outline.png'),
} as const;
export const DEFAULT_PACKAGE = join(HERE, '..', '..', 'build', 'access-assistant-teams.zip');

/** What the zip holds, at its root, in this order. */
export const PACKAGE_ENTRIES = ['manifest.json', 'fr.json', 'color.png', 'outline.png'] as const;

const ICON_SIZES = { 'color.png': 192, 'outline.png': 32 } as const;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** Zip entries get this date, so the same inputs give the same package. */
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export class PackagingError extends Error {
  override name = 'PackagingError';
}

/**
 * The bot's Microsoft App ID, read as the server reads it (src/config.ts). loadConfig checks the
 * credentials as a whole, so the packaging runs with the bot's own settings (MicrosoftAppId and
 * MicrosoftAppPassword, or an MSI's id and tenant).
 */
export function botIdFrom(env: NodeJS.ProcessEnv): string {
  let appId: string | undefined;
  try {
    appId = loadConfig(env).credentials.appId;
  } catch (error) {
    throw new PackagingError(`The bot's settings are not usable: ${(error as Error).message}`);
  }
  if (appId === undefined) {
    throw new PackagingError(
      'MicrosoftAppId is not set: set MicrosoftAppId (and the bot\'s other settings, as for npm start) to the ' +
        "bot's Microsoft App ID, from its Azure Bot resource or the Teams Developer Portal, then package again.",
    );
  }
  if (!GUID.test(appId)) {
    throw new PackagingError(`MicrosoftAppId must be the bot's Microsoft App ID, a GUID; got "${appId}"`);
  }
  return appId;
}

/** The template with {{BOT_ID}} and {{APP_VERSION}} filled in, string by string (no text splicing). */
export function fillTemplate(template: JsonObject, values: { botId: string; version: string }): JsonObject {
  const fill = (value: Json): Json => {
    if (typeof value === 'string') {
      const filled = value.replaceAll('{{BOT_ID}}', values.botId).replaceAll('{{APP_VERSION}}', values.version);
      const left = /\{\{[A-Z_]+\}\}/.exec(filled);
      if (left) throw new PackagingError(`manifest.template.json: no value for the placeholder ${left[0]}`);
      return filled;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(template) as JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Offline validation. @microsoft/app-manifest ships every schema version under build/json-schemas
// (its own validateAgainstSchema(manifest) fetches the $schema URL when the file is missing); we read
// the bundled file ourselves and hand it over, so validation never touches the network.

const requireFromHere = createRequire(import.meta.url);

export function bundledSchemaPath(file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json'): string {
  const root = dirname(requireFromHere.resolve('@microsoft/app-manifest/package.json'));
  return join(root, 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`, file);
}

function bundledSchema(file: Parameters<typeof bundledSchemaPath>[0]): object {
  const path = bundledSchemaPath(file);
  if (!existsSync(path)) {
    throw new PackagingError(`@microsoft/app-manifest has no bundled schema for manifest v${MANIFEST_VERSION} (${path}); is it installed?`);
  }
  // The same clean-up the package applies to the published schemas (\a and \v in regex patterns)…
  const schema: Json = JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
  // …and one it lacks: the Localization schemas (v1.8 to v1.30) have patterns with an unescaped "]"
  // (activities.activityTypes[…]), which Ajv's unicode-mode RegExp refuses ("Lone quantifier
  // brackets"). Escaping it keeps the pattern's meaning.
  return escapePatterns(schema) as object;
}

/** Every regex of a schema ("pattern" values and "patternProperties" keys) with a lone "]" escaped. */
function escapePatterns(node: Json): Json {
  if (Array.isArray(node)) return node.map(escapePatterns);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, escapeLoneBrackets(value)];
      if (key === 'patternProperties' && value && typeof value === 'object' && !Array.isArray(value)) {
        return [key, Object.fromEntries(Object.entries(value).map(([p, v]) => [escapeLoneBrackets(p), escapePatterns(v)]))];
      }
      return [key, escapePatterns(value)];
    }),
  );
}

export function escapeLoneBrackets(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      out += inClass ? ch : '\\]';
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}

type SchemaArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
type ManifestArg = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/** Schema errors of a filled manifest (empty when valid), plus the checks the schema cannot make. */
export async function validateManifest(manifest: JsonObject, localization?: JsonObject): Promise<string[]> {
  const problems: string[] = [];
  if (manifest.$schema !== SCHEMA_URL) problems.push(`$schema must be ${SCHEMA_URL}`);
  if (manifest.manifestVersion !== MANIFEST_VERSION) problems.push(`manifestVersion must be "${MANIFEST_VERSION}"`);
  problems.push(...(await schemaErrors(manifest, 'MicrosoftTeams.schema.json')));
  if (problems.length === 0) {
    try {
      // The package's typed reader for this version: it throws where a value has the wrong type.
      TeamsManifestConverter.jsonToManifest(JSON.stringify(manifest));
    } catch (error) {
      problems.push(`typed reading failed: ${(error as Error).message}`);
    }
  }
  const bots = manifest.bots as Array<{ botId?: string }> | undefined;
  if (bots?.[0]?.botId !== manifest.id) problems.push('bots[0].botId must be the app id (the bot\'s Microsoft App ID)');
  if (localization) problems.push(...localizationMismatches(manifest, localization));
  return problems;
}

/** Schema errors of a localization file such as fr.json (empty when valid). */
export async function validateLocalization(localization: JsonObject): Promise<string[]> {
  const problems: string[] = [];
  if (localization.$schema !== LOCALIZATION_SCHEMA_URL) problems.push(`$schema must be ${LOCALIZATION_SCHEMA_URL}`);
  problems.push(...(await schemaErrors(localization, 'MicrosoftTeams.Localization.schema.json')));
  return problems;
}

async function schemaErrors(document: JsonObject, file: Parameters<typeof bundledSchemaPath>[0]): Promise<string[]> {
  const schema = bundledSchema(file) as SchemaArg;
  const errors = await AppManifestUtils.validateAgainstSchema(document as unknown as ManifestArg, schema);
  return errors.map((error) => `${file}: ${error}`);
}

/** Every key of the localization names a string the manifest has, and every command is translated. */
function localizationMismatches(manifest: JsonObject, localization: JsonObject): string[] {
  const problems: string[] = [];
  const lookup = (path: string): Json | undefined =>
    path.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<Json | undefined>((node, key) => {
      if (node === null || typeof node !== 'object') return undefined;
      return Array.isArray(node) ? node[Number(key)] : node[key];
    }, manifest);
  for (const key of Object.keys(localization)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof lookup(key) !== 'string') problems.push(`localization key "${key}" names no string of the manifest`);
  }
  const lists = (manifest.bots as Array<{ commandLists?: Array<{ commands: object[] }> }> | undefined)?.[0]?.commandLists ?? [];
  lists.forEach((list, l) =>
    list.commands.forEach((_, c) => {
      for (const field of ['title', 'description']) {
        const key = `bots[0].commandLists[${l}].commands[${c}].${field}`;
        if (typeof lookup(key) === 'string' && !(key in localization)) problems.push(`localization lacks "${key}"`);
      }
    }),
  );
  return problems;
}

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  if (Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// ---------------------------------------------------------------------------------------------

export interface PackageResult {
  file: string;
  manifest: JsonObject;
}

/** Fills, validates and zips the package; throws a PackagingError saying what is wrong. */
export async function packageApp(env: NodeJS.ProcessEnv, outFile: string = DEFAULT_PACKAGE): Promise<PackageResult> {
  const botId = botIdFrom(env);
  const template = JSON.parse(readFileSync(TEAMS_FILES.template, 'utf8')) as JsonObject;
  const manifest = fillTemplate(template, { botId, version: pkg.version });
  const fr = JSON.parse(readFileSync(TEAMS_FILES.fr, 'utf8')) as JsonObject;

  const problems = [...(await validateManifest(manifest, fr)), ...(await validateLocalization(fr))];
  const files: Record<(typeof PACKAGE_ENTRIES)[number], Buffer> = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    'fr.json': readFileSync(TEAMS_FILES.fr),
    'color.png': readFileSync(TEAMS_FILES.color),
    'outline.png': readFileSync(TEAMS_FILES.outline),
  };
  for (const [name, side] of Object.entries(ICON_SIZES)) {
    const size = pngSize(files[name as keyof typeof ICON_SIZES]);
    if (!size) problems.push(`${name} is not a PNG`);
    else if (size.width !== side || size.height !== side) problems.push(`${name} must be ${side}×${side}, is ${size.width}×${size.height}`);
  }
  const referenced = [
    (manifest.icons as JsonObject).color,
    (manifest.icons as JsonObject).outline,
    ...((manifest.localizationInfo as { additionalLanguages?: Array<{ file: string }> }).additionalLanguages ?? []).map((l) => l.file),
  ];
  for (const name of referenced) {
    if (!(PACKAGE_ENTRIES as readonly Json[]).includes(name)) problems.push(`the manifest names "${String(name)}", which the package lacks`);
  }
  if (problems.length > 0) {
    throw new PackagingError(`The Teams manifest is not valid:\n  - ${problems.join('\n  - ')}`);
  }

  await writeZip(outFile, files);
  return { file: outFile, manifest };
}

async function writeZip(outFile: string, files: Record<string, Buffer>): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  const zip = new ZipFile();
  for (const name of PACKAGE_ENTRIES) zip.addBuffer(files[name]!, name, { mtime: FIXED_DATE, mode: 0o100644 });
  zip.end();
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    renameSync(partial, outFile);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  packageApp(process.env).then(
    ({ file, manifest }) => {
      console.log(`Wrote ${file}: manifest v${MANIFEST_VERSION}, app and bot id ${String(manifest.id)}, version ${String(manifest.version)}.`);
      console.log('Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams Developer Portal.');
    },
    (error: unknown) => {
      console.error(error instanceof PackagingError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
