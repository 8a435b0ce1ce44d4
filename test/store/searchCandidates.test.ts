// The company and colleague searches pick fuse's candidates through an index instead of running fuse
// over the whole list. They must answer exactly what fuse answers over the entries with a text holding
// every typed word but one within one of its words, or over the whole list when fuse matches none of
// those or one word is typed (fuse alone also matches words across the spaces between words:
// search.test.ts holds the quality cases on the demo data; this holds the equivalence on thousands of
// generated names).
import Fuse from 'fuse.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePractice } from '../bench/generatePractice.ts';
import { colleagueSearch, companySearch, MAX_RESULTS, normalise } from '../../src/search/search.ts';
import { WordDistance } from '../../src/search/wordDistance.ts';

const practice = generatePractice({ companies: 3_000, colleagues: 300, grants: 0, admins: 3 }, 7).practices[0];

type Entry = { id: string; name: string; email?: string };

/** fuse's rule, word by word: at most 40% of a word's letters wrong, missing or extra. */
const withinOneWord = (word: string, text: string) => {
  const distance = new WordDistance(word);
  return text.split(' ').some((part) => distance.within(part) <= Math.floor(word.length * 0.4 + 1e-9));
};

/**
 * search.ts as it was, narrowed: fuse.js over the entries with a text holding every typed word but one
 * within one of its words (over every entry when fuse matches none of them), the same options and the
 * same trimming of the results.
 */
function fuseOverAll(entries: Entry[]) {
  const options = {
    keys: [{ name: 'name', weight: 2 }, 'email'], threshold: 0.4, ignoreLocation: true, useExtendedSearch: true, includeScore: true,
  };
  const all = new Fuse(entries, options);
  return (query: string) => {
    const words = normalise(query);
    if (words === '') return [];
    const typed = words.split(' ');
    const holding = entries.filter((e) => [e.name, e.email].some((text) => text !== undefined && typed.filter((word) => !withinOneWord(word, text)).length <= 1));
    const narrowed = typed.length > 1 ? new Fuse(holding, options).search(words) : [];
    const results = narrowed.length > 0 ? narrowed : all.search(words);
    const best = results[0]?.score ?? 0;
    const close = results.filter((r) => (r.score ?? 1) <= best + 0.35);
    const hasPhrase = (e: { name: string; email?: string }) => [e.name, e.email].some((text) => text?.includes(words));
    return [...close.filter((r) => hasPhrase(r.item)), ...close.filter((r) => !hasPhrase(r.item))].slice(0, MAX_RESULTS).map((r) => r.item.id);
  };
}

const companies = { indexed: companySearch(practice.companies), reference: fuseOverAll(practice.companies.map((c) => ({ id: c.id, name: normalise(c.name) }))) };
const colleagues = {
  indexed: colleagueSearch(practice.colleagues),
  reference: fuseOverAll(practice.colleagues.map((c) => ({ id: c.id, name: normalise(c.name), email: normalise(c.email) }))),
};

/** What people type: a name whole, in part, cut short, with letters dropped, swapped or doubled. */
const typed = (names: string[]) =>
  fc.tuple(fc.constantFrom(...names), fc.array(fc.tuple(fc.constantFrom('drop', 'change', 'add', 'cut', 'word'), fc.nat(), fc.constantFrom(...'aeioulnrstxz')), { maxLength: 3 }))
    .map(([name, edits]) => edits.reduce((text, [edit, at, letter]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (edit === 'drop') return text.slice(0, i) + text.slice(i + 1);
      if (edit === 'change') return text.slice(0, i) + letter + text.slice(i + 1);
      if (edit === 'add') return text.slice(0, i) + letter + text.slice(i);
      if (edit === 'cut') return text.slice(0, Math.max(1, i));
      const words = text.split(' ');
      return words[at % words.length];
    }, name));

describe('the indexed search answers exactly what fuse answers over the entries that hold every word', () => {
  it('for companies, whatever is typed', () => {
    fc.assert(fc.property(typed(practice.companies.map((c) => c.name)), (query) => {
      expect(companies.indexed.find(query)).toEqual(companies.reference(query));
    }), { numRuns: 250 });
  });

  it('for colleagues, by name or e-mail', () => {
    const names = practice.colleagues.flatMap((c) => [c.name, c.email, c.email.split('@')[0]]);
    fc.assert(fc.property(typed(names), (query) => {
      expect(colleagues.indexed.find(query)).toEqual(colleagues.reference(query));
    }), { numRuns: 300 });
  });

  it.each(['a', 'e', 'sa', 'dup', 'dupon', 'sarl', 'garage leroi', 'boulangerie dupont', 'thames plumbng', 'zzzzqqq', 'de la', 'l etoile', 'restaurantdeprovencesarlrestaurantlucas', 'cafe restaurantdeprovencesarlrestaurantlucas'])(
    'for "%s"',
    (query) => {
      expect(companies.indexed.find(query)).toEqual(companies.reference(query));
    },
  );

  // One word typed, found in a colleague's name and e-mail alike: the entry's score is the product of both.
  it.each(['amma', 'emma', 'lucas', 'leroy', 'thomas', 'fr'])('for colleagues, "%s"', (query) => {
    expect(colleagues.indexed.find(query)).toEqual(colleagues.reference(query));
  });
});

describe('WordDistance: the fewest edits from a word to some part of a text', () => {
  /** The textbook dynamic programme: the text may start and end anywhere. */
  function reference(word: string, text: string): number {
    let previous = Array.from({ length: text.length + 1 }, () => 0);
    for (let i = 1; i <= word.length; i += 1) {
      const row = [i];
      for (let j = 1; j <= text.length; j += 1) {
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (word[i - 1] === text[j - 1] ? 0 : 1));
      }
      previous = row;
    }
    return Math.min(...previous);
  }

  it('agrees with the textbook algorithm, for words up to 32 letters, accents and all', () => {
    const letters = fc.constantFrom(...'abcdeé lmnorstu');
    fc.assert(fc.property(
      fc.string({ unit: letters, minLength: 1, maxLength: 32 }),
      fc.string({ unit: letters, maxLength: 60 }),
      (word, text) => {
        expect(new WordDistance(word).within(text)).toBe(reference(word, text));
      },
    ), { numRuns: 500 });
  });
});
