// The commands Teams offers are sent back to the bot as typed text (in the user's language), so each
// title must be a phrase the bot understands, meaning what the command says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import enInput from '../../locales/en/input.json' with { type: 'json' };
import frInput from '../../locales/fr/input.json' with { type: 'json' };
import { interpretText } from '../../src/conversation/interpretText.ts';
import { normalise } from '../../src/conversation/normalise.ts';
import { phrasesOf } from '../../src/conversation/phrases.ts';
import { understand } from '../../src/conversation/understand.ts';
import type { Prompt } from '../../src/presentation/prompt.ts';
import { TEAMS_FILES } from '../../src/teams/packageApp.ts';
import { openRepository } from '../store/helpers.ts';

interface CommandList { scopes: string[]; commands: Array<{ title: string; description?: string }> }
const manifest = JSON.parse(readFileSync(TEAMS_FILES.template, 'utf8')) as { bots: Array<{ commandLists: CommandList[] }> };
const fr = JSON.parse(readFileSync(TEAMS_FILES.fr, 'utf8')) as Record<string, string>;
const lists = manifest.bots[0]!.commandLists;

/** What each command, in order, must mean to the bot: the same four everywhere, and importing the team's members where there is a team. */
const MEANINGS = ['add', 'edit', 'list', 'help', 'importTeam'] as const;
type Meaning = (typeof MEANINGS)[number];
const phrases = (input: typeof enInput, meaning: Meaning): string[] =>
  phrasesOf(meaning === 'help' ? input.help : meaning === 'importTeam' ? input.request.importTeam : input.intents[meaning]);

const IDLE: Prompt = { title: '', body: [], choices: [], actions: [] };
const expectedInterpretation = (meaning: Meaning, language: 'English' | 'French') =>
  meaning === 'help' ? { kind: 'help' }
    : meaning === 'importTeam' ? { kind: 'events', events: [{ type: 'IMPORT_TEAM', conversationLanguage: language === 'French' ? 'fr-FR' : 'en-GB' }] }
      : { kind: 'events', events: [{ type: 'START', mode: meaning }] };
const { repo } = await openRepository();
const understood = (text: string) => understand(text, 'demo', repo, { onlyRequests: true });

describe('Teams command lists', () => {
  it('offer the same four commands in personal, group chat and team scopes, and importing colleagues in group chats and teams', () => {
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      const importing = list.scopes.includes('personal') ? [] : ['import my colleagues'];
      expect(list.commands.map((c) => c.title)).toEqual(['add a user', 'edit a user', 'who has access', 'help', ...importing]);
      for (const command of list.commands) expect(command.description?.length).toBeGreaterThan(10);
    }
  });

  it('in French: ajouter un utilisateur, modifier l\'utilisateur, qui a accès, aide, importer mes collègues', () => {
    lists.forEach((list, l) => {
      const titles = list.commands.map((_, c) => fr[`bots[0].commandLists[${l}].commands[${c}].title`]);
      const importing = list.scopes.includes('personal') ? [] : ['importer mes collègues'];
      expect(titles).toEqual(['ajouter un utilisateur', "modifier l'utilisateur", 'qui a accès', 'aide', ...importing]);
      list.commands.forEach((_, c) => expect(fr[`bots[0].commandLists[${l}].commands[${c}].description`]?.length).toBeGreaterThan(10));
    });
  });

  for (const [language, input, titleOf] of [
    ['English', enInput, (l: number, c: number) => lists[l]!.commands[c]!.title],
    ['French', frInput, (l: number, c: number) => fr[`bots[0].commandLists[${l}].commands[${c}].title`]!],
  ] as const) {
    it(`${language} titles are phrases of locales/*/input.json, once normalised as the bot normalises`, () => {
      lists.forEach((list, l) =>
        list.commands.forEach((_, c) => expect(phrases(input, MEANINGS[c]!)).toContain(normalise(titleOf(l, c)))),
      );
    });

    it(`${language} titles, typed to the bot, start what they say`, () => {
      lists.forEach((list, l) =>
        list.commands.forEach((_, c) =>
          // Importing is read as a sentence, against the practice; the four others are read by their own words at the start.
          expect(interpretText(titleOf(l, c), 'idle', IDLE, null, MEANINGS[c] === 'importTeam' ? understood : undefined, language === 'French' ? 'fr-FR' : 'en-GB'))
            .toEqual(expectedInterpretation(MEANINGS[c]!, language)),
        ),
      );
    });
  }
});
