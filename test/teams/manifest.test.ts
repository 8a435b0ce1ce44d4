import { existsSync, readFileSync } from 'node:fs';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it, vi } from 'vitest';
import {
  LOCALIZATION_SCHEMA_URL,
  MANIFEST_VERSION,
  SCHEMA_URL,
  TEAMS_FILES,
  botIdFrom,
  bundledSchemaPath,
  escapeLoneBrackets,
  fillTemplate,
  validateLocalization,
  validateManifest,
  type JsonObject,
} from '../../src/teams/packageApp.ts';

const BOT_ID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const template = (): JsonObject => JSON.parse(readFileSync(TEAMS_FILES.template, 'utf8'));
const fr = (): JsonObject => JSON.parse(readFileSync(TEAMS_FILES.fr, 'utf8'));
const filled = (): JsonObject => fillTemplate(template(), { botId: BOT_ID, version: '1.2.3' });

describe('Teams manifest', () => {
  it(`is on schema v${MANIFEST_VERSION}, validated from the schema bundled in @microsoft/app-manifest`, () => {
    const manifest = template();
    expect(manifest.$schema).toBe(SCHEMA_URL);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(existsSync(bundledSchemaPath('MicrosoftTeams.schema.json'))).toBe(true);
    expect(existsSync(bundledSchemaPath('MicrosoftTeams.Localization.schema.json'))).toBe(true);
  });

  it('filled with a bot id, validates with no errors, its French strings included', async () => {
    expect(await validateManifest(filled(), fr())).toEqual([]);
  });

  it('never fetches a schema: the bundled one is handed to the validator', async () => {
    const fetchSchema = vi.spyOn(AppManifestUtils, 'fetchSchema').mockRejectedValue(new Error('no network in tests'));
    try {
      expect(await validateManifest(filled(), fr())).toEqual([]);
      expect(await validateLocalization(fr())).toEqual([]);
      expect(fetchSchema).not.toHaveBeenCalled();
    } finally {
      fetchSchema.mockRestore();
    }
  });

  it('the French localization validates with no errors', async () => {
    expect(fr().$schema).toBe(LOCALIZATION_SCHEMA_URL);
    expect(await validateLocalization(fr())).toEqual([]);
  });

  it('puts the bot id in the app id and the bot, and the version in version', () => {
    const manifest = filled() as { id: string; version: string; bots: Array<{ botId: string; scopes: string[]; supportsFiles: boolean }> };
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.bots[0]!.scopes).toEqual(expect.arrayContaining(['personal', 'groupChat']));
    // Teams sends files in a personal chat only to a bot that says it takes them (issue 19: import from a CSV file).
    expect(manifest.bots[0]!.supportsFiles).toBe(true);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
  });

  it('describes the assistant in English and French, with placeholder developer URLs on https', () => {
    const manifest = template() as {
      name: { short: string }; description: { short: string; full: string };
      developer: Record<string, string>; localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
      validDomains: string[];
    };
    expect(manifest.name.short).toBe('Access Assistant');
    expect(manifest.description.short).toMatch(/colleagues.*access.*AutoEntry/i);
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en-gb');
    // "fr" (language only) covers fr-FR, fr-CA, fr-BE, fr-CH…: Teams applies language-only strings for any region.
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'fr', file: 'fr.json' }]);
    expect(fr()['name.short']).toBe('Access Assistant');
    expect(fr()['description.short']).toMatch(/collègues.*accès.*AutoEntry/i);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[key]).toMatch(/^https:\/\/www\.example\.com\//);
    expect(manifest.validDomains).toEqual([]);
  });

  it('reports schema errors rather than passing anything', async () => {
    const broken = filled() as Record<string, unknown> & { bots: Array<Record<string, unknown>> };
    broken.id = 'not-a-guid';
    broken.bots[0]!.supportsFiles = 'no';
    delete broken.developer;
    const problems = await validateManifest(broken as JsonObject);
    expect(problems.join('\n')).toMatch(/\/id .*pattern/);
    expect(problems.join('\n')).toMatch(/supportsFiles .*boolean/);
    expect(problems.join('\n')).toMatch(/developer/);
    expect(problems.join('\n')).toMatch(/bots\[0\]\.botId must be the app id/);

    const tooLong = { ...fr(), 'name.short': 'x'.repeat(31), 'bots[0].commandLists[0].commands[0].colour': 'vert' };
    expect((await validateLocalization(tooLong)).join('\n')).toMatch(/name\.short.*30/);
    expect((await validateManifest(filled(), tooLong)).join('\n')).toMatch(/commands\[0\]\.colour" names no string/);

    const untranslated = fr();
    delete untranslated['bots[0].commandLists[1].commands[2].title'];
    expect(await validateManifest(filled(), untranslated)).toEqual(['localization lacks "bots[0].commandLists[1].commands[2].title"']);
  });

  it('escapes only the lone "]" that unicode-mode RegExp refuses in the Localization schema', () => {
    const broken = '^activities.activityTypes\\[\\b([0-9]|1[01][0-9])\\b]\\.description$';
    expect(() => new RegExp(broken, 'u')).toThrow();
    const fixed = escapeLoneBrackets(broken);
    expect(fixed).toBe('^activities.activityTypes\\[\\b([0-9]|1[01][0-9])\\b\\]\\.description$');
    expect(new RegExp(fixed, 'u').test('activities.activityTypes[7].description')).toBe(true);
    expect(new RegExp(fixed, 'u').test('activities.activityTypes[110].description')).toBe(true);
    expect(new RegExp(fixed, 'u').test('activities.activityTypes[12].description')).toBe(false);
    expect(escapeLoneBrackets('^[\\]a-z]+\\]$')).toBe('^[\\]a-z]+\\]$');
  });
});

describe('the bot id for the package', () => {
  it('is MicrosoftAppId, read through loadConfig', () => {
    expect(botIdFrom({ MicrosoftAppId: ` ${BOT_ID} `, MicrosoftAppPassword: 'secret' })).toBe(BOT_ID);
    expect(botIdFrom({ MicrosoftAppId: BOT_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant' })).toBe(BOT_ID);
  });

  it('is required, with a message saying to set MicrosoftAppId', () => {
    expect(() => botIdFrom({})).toThrow(/MicrosoftAppId is not set: set MicrosoftAppId/);
    expect(() => botIdFrom({ MicrosoftAppId: '  ' })).toThrow(/set MicrosoftAppId/);
  });

  it('must be a GUID, and the settings must be the bot\'s usable ones', () => {
    expect(() => botIdFrom({ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'secret' })).toThrow(/GUID; got "my-bot"/);
    expect(() => botIdFrom({ MicrosoftAppId: BOT_ID })).toThrow(/MicrosoftAppPassword is not/);
  });
});
