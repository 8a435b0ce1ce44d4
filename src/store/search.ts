// Finding companies and colleagues from what a person typed: case, accents, punctuation and small typos forgiven.
// fuse.js: a small, dependency-free fuzzy matcher whose extended search ANDs words, so "thames plumbng"
// needs both words to match (each with a typo budget) instead of scoring the whole phrase as one typo-ridden string.
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Colleague, Company } from './schema.ts';

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

const OPTIONS: IFuseOptions<Entry> = {
  keys: [{ name: 'name', weight: 2 }, 'email'],
  // A word may be off by two letters in five ("sofie" for "sophie"); "zzzzqqq" and other nonsense stay out.
  threshold: 0.4,
  ignoreLocation: true,
  useExtendedSearch: true,
  includeScore: true,
};

// A clear hit makes far weaker guesses noise: "leroy" should not also offer "Thames Valley Plumbing".
const WEAKER_THAN_BEST_BY = 0.35;

function search(fuse: Fuse<Entry>, query: string): string[] {
  // Normalising also strips extended-search operators (' ! ^ $ = |), so what is typed is always plain words.
  const words = normalise(query);
  if (words === '') return [];
  const results = fuse.search(words);
  const best = results[0]?.score ?? 0;
  const close = results.filter((result) => (result.score ?? 1) <= best + WEAKER_THAN_BEST_BY);
  // Fuse scores words one by one; the typed phrase found as is ("green leaf") beats the same words apart.
  const hasPhrase = (entry: Entry) => [entry.name, entry.email].some((text) => text?.includes(words));
  const phraseFirst = [...close.filter((r) => hasPhrase(r.item)), ...close.filter((r) => !hasPhrase(r.item))];
  return phraseFirst.slice(0, MAX_RESULTS).map((result) => result.item.id);
}

/** The search index of one practice. Its owner builds a new one when the practice's colleagues or companies change. */
export class PracticeSearch {
  readonly #companies: Fuse<Entry>;
  readonly #colleagues: Fuse<Entry>;

  constructor(companies: readonly Company[], colleagues: readonly Colleague[]) {
    this.#companies = new Fuse<Entry>(
      companies.map((company) => ({ id: company.id, name: normalise(company.name) })),
      OPTIONS,
    );
    this.#colleagues = new Fuse<Entry>(
      colleagues.map((colleague) => ({ id: colleague.id, name: normalise(colleague.name), email: normalise(colleague.email) })),
      OPTIONS,
    );
  }

  /** Company ids, best first, at most eight. */
  companies(query: string): string[] {
    return search(this.#companies, query);
  }

  /** Colleague ids, best first, at most eight; names and e-mail addresses (whole or local part) are searched. */
  colleagues(query: string): string[] {
    return search(this.#colleagues, query);
  }
}
