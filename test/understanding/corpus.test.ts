// The measure of sentence understanding: every corpus sentence (test/understanding/corpus.ts), read
// against the demo practice, must fill exactly what it names; at least 95% understood exactly, the rest
// asking the right single question.
import { beforeAll, describe, expect, it } from 'vitest';
import { understand } from '../../src/conversation/understand.ts';
import type { Understanding } from '../../src/conversation/understanding.ts';
import { openRepository } from '../store/helpers.ts';
import { CORPUS, type CorpusEntry, type Expected } from './corpus.ts';

const PRACTICE = 'demo';
const TARGET = 0.95;

/** The fields a sentence fills: one the corpus leaves out must stay empty. */
const FILLED = ['companies', 'person', 'email', 'from', 'product', 'roleId', 'language'] as const;
/** Everything compared when the corpus names it (`since` is not: it depends on today's date). */
const COMPARED = ['intent', ...FILLED, 'ambiguous'] as const;
type Compared = (typeof COMPARED)[number];

type Outcome = 'exact' | 'askedRight' | 'missed';

interface Result {
  entry: CorpusEntry;
  got: Partial<Understanding> | { error: string };
  outcome: Outcome;
  /** The fields that differ from what the corpus expects. */
  differs: Compared[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function sameAmbiguity(expected: Expected['ambiguous'], got: Understanding['ambiguous']): boolean {
  if (!expected || !got) return expected === got;
  return expected.field === got.field && sameSet(expected.candidates, got.candidates ?? []);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The fields where `got` is not what `expected` asks: named ones compared, unnamed ones required empty. */
function differences(expected: Expected, got: Understanding): Compared[] {
  const differs: Compared[] = [];
  for (const field of COMPARED) {
    const want = expected[field];
    const have = got[field];
    if (want === undefined) {
      // An unexpected fill (a company, a person, a role… the sentence does not name, or a question
      // it does not raise) is a miss.
      if (!isEmpty(have)) differs.push(field);
    } else if (field === 'companies') {
      const wanted = want as string[];
      const had = (have as string[] | undefined) ?? [];
      if (wanted.length !== had.length || wanted.some((id, i) => had[i] !== id)) differs.push(field);
    } else if (field === 'ambiguous') {
      if (!sameAmbiguity(expected.ambiguous, got.ambiguous)) differs.push(field);
    } else if (want !== have) {
      differs.push(field);
    }
  }
  return differs;
}

function judge(entry: CorpusEntry, got: Understanding): Result {
  const differs = differences(entry.expect, got);
  let outcome: Outcome = 'missed';
  if (differs.length === 0) outcome = 'exact';
  else if (entry.expect.ambiguous && sameAmbiguity(entry.expect.ambiguous, got.ambiguous)) outcome = 'askedRight';
  return { entry, got, outcome, differs };
}

/** Only what the comparison looks at, without empty fields: short enough to read in a list. */
function shown(value: Partial<Understanding> | Expected | { error: string }): string {
  if ('error' in value) return `threw ${value.error}`;
  const kept = Object.entries(value).filter(([key, v]) => key !== 'since' && !isEmpty(v));
  return JSON.stringify(Object.fromEntries(kept));
}

function scoreLine(label: string, results: Result[]): string {
  const total = results.length;
  const exact = results.filter((r) => r.outcome === 'exact').length;
  const asked = results.filter((r) => r.outcome === 'askedRight').length;
  const missed = total - exact - asked;
  const percent = total === 0 ? '0.0' : ((100 * exact) / total).toFixed(1);
  return `understanding corpus${label}: ${exact}/${total} exact (${percent}%), ${asked} asked the right question, ${missed} missed`;
}

function listed(results: Result[]): string {
  return results
    .map(
      (r) =>
        `  [${r.entry.lang}] ${JSON.stringify(r.entry.text)}\n` +
        `      expected ${shown(r.entry.expect)}\n` +
        `      got      ${shown(r.got)}\n` +
        `      differs  ${r.differs.join(', ')}`,
    )
    .join('\n');
}

describe('understanding one typed request: the corpus', () => {
  let results: Result[] = [];

  beforeAll(async () => {
    const { repo } = await openRepository();
    results = CORPUS.map((entry) => {
      let got: Understanding;
      try {
        got = understand(entry.text, PRACTICE, repo);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { entry, got: { error: message }, outcome: 'missed', differs: ['intent'] } satisfies Result;
      }
      return judge(entry, got);
    });

    const en = results.filter((r) => r.entry.lang === 'en');
    const fr = results.filter((r) => r.entry.lang === 'fr');
    const missed = results.filter((r) => r.outcome === 'missed');
    const askedRight = results.filter((r) => r.outcome === 'askedRight');
    const lines = [scoreLine(' (en)', en), scoreLine(' (fr)', fr), scoreLine('', results)];
    if (askedRight.length > 0) {
      lines.push(`asked the right question, with something else not as expected (${askedRight.length}):`, listed(askedRight.slice(0, 30)));
    }
    if (missed.length > 0) {
      lines.push(`missed (${missed.length}${missed.length > 30 ? ', the first 30' : ''}):`, listed(missed.slice(0, 30)));
    }
    console.log(lines.join('\n'));
  });

  it('holds at least 300 sentences, at least 150 in each language', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(CORPUS.filter((e) => e.lang === 'en').length).toBeGreaterThanOrEqual(150);
    expect(CORPUS.filter((e) => e.lang === 'fr').length).toBeGreaterThanOrEqual(150);
  });

  it('understands at least 95% of them, or asks the right single question', () => {
    const total = results.length;
    const exact = results.filter((r) => r.outcome === 'exact').length;
    const asked = results.filter((r) => r.outcome === 'askedRight').length;
    const missed = results.filter((r) => r.outcome === 'missed');
    expect(exact + asked + missed.length).toBe(total);
    // Every miss is named in the failure, not only the first 30 printed above.
    expect((exact + asked) / total, `${scoreLine('', results)}\nmissed:\n${listed(missed)}`).toBeGreaterThanOrEqual(TARGET);
  });

  it('understands at least 95% of the sentences that raise no question exactly', () => {
    const plain = results.filter((r) => !r.entry.expect.ambiguous);
    const exact = plain.filter((r) => r.outcome === 'exact').length;
    const missed = plain.filter((r) => r.outcome !== 'exact');
    expect(exact / plain.length, `${scoreLine(' (no question expected)', plain)}\nmissed:\n${listed(missed)}`).toBeGreaterThanOrEqual(TARGET);
  });
});
