// Finding companies and colleagues from what a person typed: case, accents, punctuation and small typos forgiven.
// fuse.js: a small, dependency-free fuzzy matcher whose extended search ANDs words, so "thames plumbng"
// needs both words to match (each with a typo budget) instead of scoring the whole phrase as one typo-ridden string.
// Typed words are looked for within a name's words, one of them anywhere in the name (a space missed:
// "thamesvalley plumbing"); only when no name matches so are all of them looked for anywhere, across the
// spaces between words, as fuse alone does. One word typed is found exactly as fuse finds it
// (searchCandidates.ts).
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Colleague, Company } from '../domain/schema.ts';
import { SearchCandidates } from './searchCandidates.ts';

export const MAX_RESULTS = 8;

/** "Café de l'Étoile" → "cafe de l etoile": lower case, no accents, words split on anything not a letter or digit. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Entry {
  id: string;
  name: string;
  /** Normalised too, so its local part's words ("camille leroy") match like a name's. */
  email?: string;
}

const KEYS = [{ name: 'name', weight: 2 }, { name: 'email', weight: 1 }];
const OPTIONS: IFuseOptions<Entry> = {
  keys: KEYS,
  // A word may be off by two letters in five ("sofie" for "sophie"); "zzzzqqq" and other nonsense stay out.
  threshold: 0.4,
  ignoreLocation: true,
  useExtendedSearch: true,
  includeScore: true,
};

// A clear hit makes far weaker guesses noise: "leroy" should not also offer "Thames Valley Plumbing".
const WEAKER_THAN_BEST_BY = 0.35;

/** One searchable list (a practice's companies, or its colleagues), built once. */
class EntrySearch {
  readonly #entries: Entry[];
  readonly #candidates: SearchCandidates;
  /** fuse over the whole list, for a word too long for the candidate search (built when first needed). */
  #fuse?: Fuse<Entry>;

  constructor(entries: Entry[]) {
    this.#entries = entries;
    this.#candidates = new SearchCandidates(entries.map((e) => ({ texts: [e.name, e.email] })), KEYS.map((k) => k.weight));
  }

  /** Ids, best first, at most eight. */
  find(query: string): string[] {
    // Normalising also strips extended-search operators (' ! ^ $ = |), so what is typed is always plain words.
    const words = normalise(query);
    if (words === '') return [];
    // The candidate search finds the few entries that could be shown, with fuse's own scores and
    // ranking (searchCandidates.ts); fuse runs over the whole list only for a word it cannot judge.
    const ranked = this.#candidates.best(words.split(' '), MAX_RESULTS, WEAKER_THAN_BEST_BY)?.map(({ entry, score }) => ({ item: this.#entries[entry], score }))
      ?? (this.#fuse ??= new Fuse(this.#entries, OPTIONS)).search(words).map(({ item, score }) => ({ item, score: score ?? 1 }));
    const top = ranked[0]?.score ?? 0;
    const close = ranked.filter((result) => result.score <= top + WEAKER_THAN_BEST_BY);
    // Fuse scores words one by one; the typed phrase found as is ("green leaf") beats the same words apart.
    const hasPhrase = (entry: Entry) => [entry.name, entry.email].some((text) => text?.includes(words));
    const phraseFirst = [...close.filter((r) => hasPhrase(r.item)), ...close.filter((r) => !hasPhrase(r.item))];
    return phraseFirst.slice(0, MAX_RESULTS).map((result) => result.item.id);
  }
}

/** Company search of one practice; companies do not change while the assistant runs. */
export function companySearch(companies: readonly Company[]): EntrySearch {
  return new EntrySearch(companies.map((company) => ({ id: company.id, name: normalise(company.name) })));
}

/** Colleague search of one practice: names and e-mail addresses (whole or local part). Rebuilt when someone is invited. */
export function colleagueSearch(colleagues: readonly Colleague[]): EntrySearch {
  return new EntrySearch(colleagues.map((c) => ({ id: c.id, name: normalise(c.name), email: normalise(c.email) })));
}

export type { EntrySearch };
