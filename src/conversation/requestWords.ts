import enInput from '../../locales/en/input.json' with { type: 'json' };
import frInput from '../../locales/fr/input.json' with { type: 'json' };
import enText from '../../locales/en/translation.json' with { type: 'json' };
import frText from '../../locales/fr/translation.json' with { type: 'json' };
import { LANGUAGES, PRODUCTS, type LanguageCode, type ProductCode } from '../../flows/ports.ts';
import { normalise } from './normalise.ts';
import type { RequestIntent } from './understanding.ts';

// The words a request is read with, from locales/ in both languages: a French colleague typing an
// English role name is understood too. A phrase is a list of words; "..." stands for a few words
// of the sentence's own (a name) in between.

export type Phrase = string[];

const words = (text: string): string[] => normalise(text).split(/[^a-z0-9]+/).filter(Boolean);
const phrases = (list: string): Phrase[] =>
  list.split('|').map((p) => p.trim().split(/\s+/).flatMap((w) => (w === '...' ? ['...'] : words(w)))).filter((p) => p.length > 0);
const both = (pick: (input: typeof enInput) => string): Phrase[] => [...phrases(pick(enInput)), ...phrases(pick(frInput))];
/** Longest first: "administrateur des fichiers" before "administrateur". */
const longestFirst = <T extends { phrase: Phrase }>(list: T[]): T[] => list.sort((a, b) => b.phrase.length - a.phrase.length);

export { words as wordsOf };

/** Intents in the order they are tried: the most specific phrases first. */
export const INTENT_ORDER: RequestIntent[] = ['undo', 'copy', 'removeAll', 'history', 'invitations', 'importTeam', 'list', 'personAccess', 'unsupported', 'remove', 'edit', 'add'];

export const INTENT_PHRASES: Record<RequestIntent, Phrase[]> = {
  add: both((w) => w.request.add),
  edit: both((w) => w.request.edit),
  remove: both((w) => w.request.remove),
  list: both((w) => w.request.list),
  personAccess: both((w) => w.request.personAccess),
  copy: both((w) => w.request.copy),
  removeAll: both((w) => w.request.removeAll),
  undo: both((w) => w.request.undo),
  history: both((w) => w.request.history),
  invitations: both((w) => w.request.invitations),
  importTeam: both((w) => w.request.importTeam),
  unsupported: both((w) => w.request.unsupported),
};

/** Words that carry nothing of the request: polite padding, articles, prepositions. */
export const PADDING = new Set(both((w) => w.request.pad).flat());
export const SEPARATORS: Phrase[] = both((w) => w.request.separators);

export type Period = 'today' | 'yesterday' | 'week' | 'month';
export const PERIODS = longestFirst((['today', 'yesterday', 'week', 'month'] as Period[]).flatMap((period) =>
  both((w) => w.request.since[period]).map((phrase) => ({ phrase, value: period }))));

export const LANGUAGE_NAMES = longestFirst(LANGUAGES.flatMap((language) => [
  ...both((w) => w.languageNames[language]),
  ...[enText.languages[language], frText.languages[language]].map(words),
].map((phrase) => ({ phrase, value: language as LanguageCode }))));

export const PRODUCT_NAMES = longestFirst(PRODUCTS.flatMap((product) => [
  ...both((w) => w.productNames[product]),
  ...[enText.products[product], frText.products[product]].map(words),
].map((phrase) => ({ phrase, value: product as ProductCode }))));

/** Default roles by their names in both languages (role ids are "<product>.<role>"). */
export const DEFAULT_ROLE_NAMES = longestFirst(PRODUCTS.flatMap((product) =>
  [enText, frText].flatMap((text) =>
    Object.entries((text.roles as Record<string, Record<string, string>>)[product] ?? {})
      // The Business Owner's role is never given (rule 2).
      .filter(([role]) => role !== 'business-owner')
      .map(([role, name]) => ({ phrase: words(name), value: `${product}.${role}` })))));
