import en from '../../locales/en/input.json' with { type: 'json' };
import fr from '../../locales/fr/input.json' with { type: 'json' };
import { normalise } from './normalise.ts';

// What people type, in either language: a French colleague typing "cancel" is understood too.
// Each entry of locales/*/input.json lists its phrases separated by " | ".

export const phrasesOf = (list: string): string[] => list.split('|').map(normalise).filter(Boolean);
const both = (pick: (words: typeof en) => string) => [...phrasesOf(pick(en)), ...phrasesOf(pick(fr))];

export const COMMANDS = {
  HELP: both((w) => w.help),
  CANCEL: both((w) => w.cancel),
  BACK: both((w) => w.back),
  START_OVER: both((w) => w.startOver),
} as const;
export const DONE = both((w) => w.done);
export const YES = both((w) => w.yes);
export const NO = both((w) => w.no);
export const GREETINGS = both((w) => w.greetings);
export const SHOW = both((w) => w.show).sort((a, b) => b.length - a.length);
export const CLIENT_STAFF = both((w) => w.clientStaff);
export const INTENTS = {
  add: both((w) => w.intents.add),
  edit: both((w) => w.intents.edit),
  remove: both((w) => w.intents.remove),
  list: both((w) => w.intents.list),
};

export function matchesAny(said: string, phrases: readonly string[], how: 'exact' | 'contains'): boolean {
  return how === 'exact'
    ? phrases.includes(said)
    : phrases.some((p) => said === p || said.includes(p.length > 3 ? p : ` ${p} `));
}
