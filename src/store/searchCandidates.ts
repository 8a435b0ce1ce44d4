// Picks, out of thousands of entries, the few that fuse.js could rank first, so fuse scores those only.
// fuse matches each typed word anywhere in a text with up to 40% typos (Bitap), and scores a match by
// its typos, the number of words typed and the text's length. The same is computed here, exactly
// (Myers' bit-parallel edit distance and fuse's formula), but only where cheap bounds cannot rule an
// entry out: test/store/searchCandidates.test.ts checks the result against fuse over the whole list.
import { WordDistance } from './wordDistance.ts';

/** fuse.js's threshold: a word of m letters matches with at most k typos, k / m ≤ 0.4. */
const THRESHOLD = 0.4;
/** Bitap (fuse) and Myers both work on 32-bit words; a longer word sends the query to fuse whole. */
const MAX_WORD = 32;
/** fuse gives an exact match this score, not 0. */
const EXACT = 0.001;

export interface KeyedTexts {
  /** One text per key (normalised), or undefined when the entry has none for that key. */
  texts: Array<string | undefined>;
}

function allowedTypos(m: number): number {
  let k = 0;
  while ((k + 1) / m <= THRESHOLD) k += 1;
  return k;
}

/** fuse's field-length norm: 1 / √(number of words), to three decimals. */
function fieldNorm(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length || 1;
  return Math.round(1000 / Math.pow(words, 0.5)) / 1000;
}

function pairs(text: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i + 1 < text.length; i += 1) if (text[i] !== ' ' && text[i + 1] !== ' ') found.add(text.slice(i, i + 2));
  return found;
}

function toPostings(lists: Map<string, number[]>): Map<string, Int32Array> {
  return new Map([...lists].map(([gram, ids]) => [gram, Int32Array.from(ids)]));
}

const NEVER = 255;

export class SearchCandidates {
  readonly #textOf: string[] = [];
  readonly #entryOf: number[] = [];
  readonly #keyOf: number[] = [];
  /** fuse raises a text's mean word score to its key's weight times its length norm. */
  readonly #exponent: number[] = [];
  /** The texts' words, as ids into #vocabulary: text i's are #words[#wordStart[i] … #wordStart[i + 1]). */
  readonly #words: Int32Array;
  readonly #wordStart: Int32Array;
  readonly #vocabulary: string[] = [];
  readonly #pairs: Map<string, Int32Array>;
  readonly #letters: Map<string, Int32Array>;
  /** Texts holding each word of the vocabulary. */
  readonly #textsWith: Int32Array[];
  readonly #weights: number[];
  readonly #entries: number;
  /** True when every entry has one text (companies: a name): the quick path below needs it. */
  readonly #oneTextEach: boolean;
  readonly #largestExponent: number;
  /** Per-text and per-entry arrays reused from one search to the next (a search runs to its end at once). */
  readonly #scratch = new Map<string, Uint8Array | Float64Array>();

  /** `weights`: the keys' fuse weights, in the order of each entry's texts. */
  constructor(entries: KeyedTexts[], weights: number[]) {
    const total = weights.reduce((a, b) => a + b, 0);
    this.#weights = weights.map((weight) => weight / total);
    this.#entries = entries.length;
    // (Weights first: the exponents below use them.)
    const pairLists = new Map<string, number[]>();
    const letterLists = new Map<string, number[]>();
    const vocabulary = new Map<string, number>();
    const textsWith: number[][] = [];
    const words: number[] = [];
    const wordStart: number[] = [0];
    const post = (lists: Map<string, number[]>, gram: string, id: number) => {
      const list = lists.get(gram);
      if (list) list.push(id);
      else lists.set(gram, [id]);
    };
    entries.forEach((entry, e) => entry.texts.forEach((text, key) => {
      if (text === undefined || text === '') return;
      const id = this.#textOf.length;
      this.#textOf.push(text);
      this.#entryOf.push(e);
      this.#keyOf.push(key);
      this.#exponent.push(this.#weights[key] * fieldNorm(text));
      for (const word of text.split(' ')) {
        if (word === '') continue;
        if (!vocabulary.has(word)) {
          vocabulary.set(word, vocabulary.size);
          textsWith.push([]);
        }
        const at = vocabulary.get(word)!;
        words.push(at);
        if (textsWith[at].at(-1) !== id) textsWith[at].push(id);
      }
      wordStart.push(words.length);
      for (const pair of pairs(text)) post(pairLists, pair, id);
      for (const letter of new Set(text.replace(/ /g, ''))) post(letterLists, letter, id);
    }));
    this.#vocabulary = [...vocabulary.keys()];
    this.#words = Int32Array.from(words);
    this.#wordStart = Int32Array.from(wordStart);
    this.#pairs = toPostings(pairLists);
    this.#letters = toPostings(letterLists);
    this.#textsWith = textsWith.map((ids) => Int32Array.from(ids));
    this.#oneTextEach = this.#textOf.length === entries.length;
    this.#largestExponent = Math.max(0, ...this.#exponent);
  }

  /**
   * The entries fuse could show first for these words: the `limit` best by fuse's score (ties: entry
   * order), and the `limit` best of those whose text holds the words as typed, as a phrase (search.ts
   * shows those first). Undefined when a word is too long to judge here.
   */
  best(words: string[], limit: number): number[] | undefined {
    if (words.length === 0 || words.some((word) => word.length > MAX_WORD)) return undefined;
    const phrase = words.join(' ');
    const { scores, phrased } = (this.#oneTextEach && this.#scoreThroughWords(words, phrase, limit)) || this.#scoreByBounds(words, phrase, limit);
    const phraseScores = new Map([...phrased].map((entry) => [entry, scores.get(entry)!]));
    return [...new Set([...bestOf(phraseScores, limit), ...bestOf(scores, limit)])];
  }

  /** fuse's arithmetic for one text: its words' scores summed in the typed order, the mean raised to its exponent. */
  #score(id: number, words: string[], distances: ArrayLike<number>): number {
    let sum = 0;
    for (let w = 0; w < words.length; w += 1) sum += Math.max(EXACT, distances[w] / words[w].length);
    return Math.pow(sum / words.length, this.#exponent[id]);
  }

  /**
   * The quick path, for lists of one text per entry. A word found within a single word of a text is
   * found through the vocabulary (each distinct word measured once); its distance there is exact unless
   * it is 2 or more, when the text is measured whole. A text where some word is not found that way can
   * only match across a space, which costs an edit: such texts are measured only when that edit still
   * leaves them a chance against the `limit`-th best, and only those found through the vocabulary for
   * every other word. When texts missing two words could still compete, or too few texts are found:
   * undefined, and the bounds decide.
   */
  #scoreThroughWords(words: string[], phrase: string, limit: number): Scored | undefined {
    const count = words.length;
    const typos = words.map((word) => allowedTypos(word.length));
    const nearest = words.map((word, w) => this.#nearestWord(word, typos[w], w));
    const hits = nearest.map((distances) => {
      const found: number[] = [];
      for (let id = 0; id < distances.length; id += 1) if (distances[id] !== NEVER) found.push(id);
      return found;
    });
    const measure = words.map((word) => new WordDistance(word));
    const exact = new Uint8Array(count);
    const scores = new Map<number, number>();
    const phrased = new Set<number>();
    /** Scores a text if it matches every word; `across` is the word found only across a space, if any. */
    const consider = (id: number, across: number) => {
      for (let w = 0; w < count; w += 1) {
        exact[w] = w === across ? measure[w].within(this.#textOf[id]) : nearest[w][id];
        if (exact[w] >= 2 && w !== across) exact[w] = Math.min(exact[w], measure[w].within(this.#textOf[id]));
        if (exact[w] > typos[w]) return;
      }
      scores.set(this.#entryOf[id], this.#score(id, words, exact));
      if (across < 0 && this.#textOf[id].includes(phrase)) phrased.add(this.#entryOf[id]);
    };
    /** The texts found through the vocabulary for every word but `except`. */
    const foundForAllBut = (except: number) => {
      const others = hits.filter((_, w) => w !== except).sort((a, b) => a.length - b.length);
      return others[0].filter((id) => others.every((list) => list === others[0] || nearest[hits.indexOf(list)][id] !== NEVER));
    };
    for (const id of count === 1 ? hits[0] : foundForAllBut(-1)) consider(id, -1);
    const best = bestOf(scores, limit);
    if (best.length < limit) return undefined;
    const cut = scores.get(best[limit - 1])! * (1 + 1e-9);
    // The best score a text could have with the words in `missing` costing an edit each.
    const bestWithout = (missing: number[]) => {
      let sum = 0;
      for (let v = 0; v < count; v += 1) sum += missing.includes(v) ? Math.max(EXACT, 1 / words[v].length) : EXACT;
      return Math.pow(sum / count, this.#largestExponent);
    };
    const longest = words.map((_, w) => w).sort((a, b) => words[b].length - words[a].length);
    if (count >= 2 && bestWithout(longest.slice(0, 2)) <= cut) return undefined;
    for (let w = 0; w < count; w += 1) {
      if (bestWithout([w]) > cut) continue;
      if (count === 1) return undefined;
      for (const id of foundForAllBut(w)) if (nearest[w][id] === NEVER) consider(id, w);
    }
    return { scores, phrased };
  }

  /**
   * The general path. Each word's distance to a text lies between two cheap bounds: above, its distance
   * to the nearest single word of the text (each distinct word measured once); below, what the letter
   * pairs and letters it shares with the text allow (the q-gram lemma). Once `limit` entries surely
   * match, an entry whose best possible score is worse than theirs cannot be among the best; it is
   * measured only if it holds the phrase. The entries left are measured exactly.
   */
  #scoreByBounds(words: string[], phrase: string, limit: number): Scored {
    const n = this.#textOf.length;
    const count = words.length;
    const typos = words.map((word) => allowedTypos(word.length));
    const upper = words.map((word, w) => this.#nearestWord(word, typos[w], w));
    const lower = words.map((word, w) => this.#sharedBound(word, upper[w], w));
    // The bounds are compared as logarithms of fuse's score: a text's is its exponent (key weight times
    // length norm) times the log of its mean word score, looked up by the words' distances.
    const meanLog = this.#meanLogs(words, typos);
    const radix = typos.map((k) => k + 1);

    const best = this.#numbers('best').fill(0);
    const sure = this.#numbers('sure').fill(Infinity);
    const phrased = new Set<number>();
    const open: number[] = [];
    for (let id = 0; id < n; id += 1) {
      let low = 0;
      let high = 0;
      let certain = true;
      let w = 0;
      for (; w < count; w += 1) {
        const k = typos[w];
        const l = lower[w][id];
        if (l > k) break;
        const u = upper[w][id];
        if (u > k) certain = false;
        low = low * radix[w] + l;
        if (certain) high = high * radix[w] + u;
      }
      if (w < count) continue;
      const entry = this.#entryOf[id];
      open.push(id);
      best[entry] += this.#exponent[id] * meanLog(low);
      if (certain) sure[entry] = (sure[entry] === Infinity ? 0 : sure[entry]) + this.#exponent[id] * meanLog(high);
      // The phrase found as is means every word found exactly within a word of the text.
      if (certain && high === 0 && this.#textOf[id].includes(phrase)) phrased.add(entry);
    }
    const cut = kthSmallest(sure, limit) + 1e-9;

    const measure = words.map((word) => new WordDistance(word));
    const exact = new Uint8Array(count);
    const scores = new Map<number, number>();
    for (const id of open) {
      const entry = this.#entryOf[id];
      if (best[entry] > cut && !phrased.has(entry)) continue;
      let matches = true;
      for (let w = 0; w < count && matches; w += 1) {
        const up = upper[w][id];
        exact[w] = lower[w][id] === up ? up : measure[w].within(this.#textOf[id]);
        if (exact[w] > typos[w]) matches = false;
      }
      if (matches) scores.set(entry, (scores.get(entry) ?? 1) * this.#score(id, words, exact));
    }
    return { scores, phrased };
  }

  /** log(mean word score) for the words' distances, given as one mixed-radix number (digit w: 0…k_w). */
  #meanLogs(words: string[], typos: number[]): (code: number) => number {
    const size = typos.reduce((product, k) => product * (k + 1), 1);
    const value = (code: number) => {
      let sum = 0;
      for (let w = words.length - 1; w >= 0; w -= 1) {
        const d = code % (typos[w] + 1);
        code = (code - d) / (typos[w] + 1);
        sum += Math.max(EXACT, d / words[w].length);
      }
      return Math.log(sum / words.length);
    };
    if (size > 65_536) return value;
    const table = Float64Array.from({ length: size }, (_, code) => value(code));
    return (code) => table[code];
  }

  #bytes(name: string): Uint8Array {
    let array = this.#scratch.get(name) as Uint8Array | undefined;
    if (!array) this.#scratch.set(name, (array = new Uint8Array(this.#textOf.length)));
    return array;
  }

  #numbers(name: string): Float64Array {
    let array = this.#scratch.get(name) as Float64Array | undefined;
    if (!array) this.#scratch.set(name, (array = new Float64Array(this.#entries)));
    return array;
  }

  /**
   * For every text, the word's distance to the nearest single word in it, when that is within `typos`
   * (NEVER otherwise): each distinct word of the list is measured once, and its texts looked up.
   */
  #nearestWord(word: string, typos: number, slot: number): Uint8Array {
    const distance = new WordDistance(word);
    const nearest = this.#bytes(`nearest ${slot}`).fill(NEVER);
    this.#vocabulary.forEach((vocable, at) => {
      const d = distance.within(vocable);
      if (d > typos) return;
      const ids = this.#textsWith[at];
      for (let i = 0; i < ids.length; i += 1) if (d < nearest[ids[i]]) nearest[ids[i]] = d;
    });
    return nearest;
  }

  /**
   * For every text, the fewest edits the letters it shares with the word allow: with d edits, at least
   * m − 1 − 2d of the word's letter pairs, and m − d of its letters, are found in the text (the q-gram
   * lemma). Never above `upper`. Letters are counted for short words only, where pairs say little.
   */
  #sharedBound(word: string, upper: Uint8Array, slot: number): Uint8Array {
    const m = word.length;
    const pairCounts = this.#count(this.#pairs, Array.from({ length: m - 1 }, (_, i) => word.slice(i, i + 2)), 'pairs');
    const letterCounts = m <= 6 ? this.#count(this.#letters, [...word], 'letters') : undefined;
    const bound = this.#bytes(`bound ${slot}`);
    for (let id = 0; id < bound.length; id += 1) {
      let d = Math.max(0, (m - pairCounts[id]) >> 1);
      if (letterCounts && m - letterCounts[id] > d) d = m - letterCounts[id];
      bound[id] = d < upper[id] ? d : upper[id];
    }
    return bound;
  }

  /** How many of the grams (one per position in the word) each text holds. */
  #count(postings: Map<string, Int32Array>, grams: string[], slot: string): Uint8Array {
    const counts = this.#bytes(slot).fill(0);
    for (const gram of grams) {
      const ids = postings.get(gram);
      if (ids) for (let i = 0; i < ids.length; i += 1) counts[ids[i]] += 1;
    }
    return counts;
  }
}

/** The k-th smallest of the values (k ≥ 1); Infinity when there are fewer finite ones. */
function kthSmallest(values: Float64Array, k: number): number {
  const kept: number[] = [];
  for (const value of values) {
    if (value === Infinity) continue;
    if (kept.length === k && value >= kept[k - 1]) continue;
    let at = kept.length === k ? k - 1 : kept.length;
    while (at > 0 && value < kept[at - 1]) {
      if (at < k) kept[at] = kept[at - 1];
      at -= 1;
    }
    kept[at] = value;
  }
  return kept.length === k ? kept[k - 1] : Infinity;
}

/** Exact scores (fuse's) of the entries that may be shown, and which of them hold the typed phrase. */
interface Scored {
  scores: Map<number, number>;
  phrased: Set<number>;
}

/** The `limit` entries of lowest score, ties broken by entry order, best first. */
function bestOf(scores: Map<number, number>, limit: number): number[] {
  const kept: Array<[number, number]> = [];
  const before = (a: [number, number], b: [number, number]) => a[1] < b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const pair of scores) {
    if (kept.length === limit && !before(pair, kept[limit - 1])) continue;
    let at = kept.length === limit ? limit - 1 : kept.length;
    while (at > 0 && before(pair, kept[at - 1])) {
      if (at < limit) kept[at] = kept[at - 1];
      at -= 1;
    }
    kept[at] = pair;
  }
  return kept.map(([entry]) => entry);
}
