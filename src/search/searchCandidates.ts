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

/**
 * Letters as one of 28 symbols: a–z, any digit, anything else. Symbols stand for letters in the bounds
 * below: two letters sharing a symbol only make a bound lower (never wrong), and normalised names are
 * almost all a–z.
 */
const SYMBOLS = 28;
function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  return code >= 48 && code <= 57 ? 26 : 27;
}
/** Words of 32 bits holding one text's letter pairs (28 × 28 of them). */
const PAIR_WORDS = Math.ceil((SYMBOLS * SYMBOLS) / 32);
const pairOf = (text: string, i: number) => symbol(text.charCodeAt(i)) * SYMBOLS + symbol(text.charCodeAt(i + 1));

const NEVER = 255;

/** One typed word, ready to be looked for. */
interface Word {
  text: string;
  typos: number;
  /** Per text: the distance to its nearest single word when within `typos`, NEVER otherwise. */
  nearest: Uint8Array;
  /** The texts holding a word within `typos` of it (each once). */
  hits: Int32Array;
  /** Its letter pairs (one per position) and, for short words where pairs say little, its letters (else empty). */
  pairs: Int32Array;
  letters: Int32Array;
  /** Per text it allows (#allowing): the fewest edits it can take there, the bounds' lower end. */
  lower: Uint8Array;
}

export class SearchCandidates {
  readonly #textOf: string[] = [];
  readonly #entryOf: number[] = [];
  /** fuse raises a text's mean word score to its key's weight times its length norm. */
  readonly #exponent: number[] = [];
  readonly #vocabulary: string[] = [];
  /** Texts holding each word of the vocabulary. */
  readonly #textsWith: Int32Array[];
  /** Each word of the vocabulary's letters (one bit per symbol) and length: a cheap first look. */
  readonly #vocableBits: Int32Array;
  readonly #vocableLength: Int32Array;
  /** Each text's letters, one bit per symbol. */
  readonly #letterBits: Int32Array;
  /** Each text's letter pairs within its words: PAIR_WORDS words of bits per text. */
  readonly #pairBits: Int32Array;
  /** The texts holding each letter pair (within a word), in order. */
  readonly #textsWithPair = new Map<number, Int32Array>();
  readonly #weights: number[];
  readonly #entries: number;
  /** Each entry's texts are ids firstText[entry] up to firstText[entry + 1]. */
  readonly #firstText: Int32Array;
  /** The largest sum of an entry's texts' exponents: fuse multiplies the scores of an entry's matching texts. */
  readonly #largestEntryExponent: number;
  /** Per-text and per-entry arrays reused from one search to the next (a search runs to its end at once). */
  readonly #scratch = new Map<string, Uint8Array | Float64Array | Int32Array>();

  /** `weights`: the keys' fuse weights, in the order of each entry's texts. */
  constructor(entries: KeyedTexts[], weights: number[]) {
    const total = weights.reduce((a, b) => a + b, 0);
    this.#weights = weights.map((weight) => weight / total);
    this.#entries = entries.length;
    const vocabulary = new Map<string, number>();
    const textsWith: number[][] = [];
    entries.forEach((entry, e) => entry.texts.forEach((text, key) => {
      if (text === undefined || text === '') return;
      const id = this.#textOf.length;
      this.#textOf.push(text);
      this.#entryOf.push(e);
      this.#exponent.push(this.#weights[key] * fieldNorm(text));
      for (const word of text.split(' ')) {
        if (word === '') continue;
        if (!vocabulary.has(word)) {
          vocabulary.set(word, vocabulary.size);
          textsWith.push([]);
        }
        const at = vocabulary.get(word)!;
        if (textsWith[at].at(-1) !== id) textsWith[at].push(id);
      }
    }));
    this.#vocabulary = [...vocabulary.keys()];
    this.#textsWith = textsWith.map((ids) => Int32Array.from(ids));
    this.#vocableLength = Int32Array.from(this.#vocabulary, (vocable) => vocable.length);
    this.#vocableBits = Int32Array.from(this.#vocabulary, (vocable) => {
      let bits = 0;
      for (let i = 0; i < vocable.length; i += 1) bits |= 1 << symbol(vocable.charCodeAt(i));
      return bits;
    });
    const n = this.#textOf.length;
    this.#letterBits = new Int32Array(n);
    this.#pairBits = new Int32Array(n * PAIR_WORDS);
    const textsWithPair = new Map<number, number[]>();
    this.#textOf.forEach((text, id) => {
      for (let i = 0; i < text.length; i += 1) {
        if (text[i] === ' ') continue;
        this.#letterBits[id] |= 1 << symbol(text.charCodeAt(i));
        if (i + 1 < text.length && text[i + 1] !== ' ') {
          const pair = pairOf(text, i);
          const at = id * PAIR_WORDS + (pair >> 5);
          if (this.#pairBits[at] & (1 << (pair & 31))) continue;
          this.#pairBits[at] |= 1 << (pair & 31);
          const ids = textsWithPair.get(pair);
          if (ids) ids.push(id);
          else textsWithPair.set(pair, [id]);
        }
      }
    });
    for (const [pair, ids] of textsWithPair) this.#textsWithPair.set(pair, Int32Array.from(ids));
    this.#firstText = new Int32Array(entries.length + 1);
    for (let e = 0, id = 0; e <= entries.length; e += 1) {
      while (id < n && this.#entryOf[id] < e) id += 1;
      this.#firstText[e] = id;
    }
    let largest = 0;
    for (let e = 0; e < entries.length; e += 1) {
      let sum = 0;
      for (let id = this.#firstText[e]; id < this.#firstText[e + 1]; id += 1) sum += this.#exponent[id];
      largest = Math.max(largest, sum);
    }
    this.#largestEntryExponent = largest;
  }

  /**
   * The entries fuse could show first for these words, with fuse's scores, ranked as fuse ranks them
   * (by score, ties by entry order): the `limit` best, and the `limit` best of those whose text holds
   * the words as typed, as a phrase (search.ts shows those first); of those, only the ones scoring
   * within `spread` of the best score (search.ts shows no others). Undefined when a word is too long
   * to judge here.
   */
  best(texts: string[], limit: number, spread = Infinity): Array<{ entry: number; score: number }> | undefined {
    if (texts.length === 0 || texts.some((text) => text.length > MAX_WORD)) return undefined;
    const phrase = texts.join(' ');
    const words = texts.map((text, slot) => this.#word(text, slot));
    const quick = words.length > 1 ? this.#scoreAllButOneWithinWords(words, phrase) : this.#scoreOneWord(words[0], phrase, limit, spread);
    const { scores, phrased } = quick && quick.scores.size > 0 ? quick : this.#scoreByBounds(words, phrase, limit, spread);
    const phraseScores = new Map([...phrased].map((entry) => [entry, scores.get(entry)!]));
    return [...new Set([...bestOf(phraseScores, limit), ...bestOf(scores, limit)])]
      .map((entry) => ({ entry, score: scores.get(entry)! }))
      .sort((a, b) => a.score - b.score || a.entry - b.entry);
  }

  /** fuse's arithmetic for one text: its words' scores summed in the typed order, the mean raised to its exponent. */
  #score(id: number, words: Word[], distances: ArrayLike<number>): number {
    let sum = 0;
    for (let w = 0; w < words.length; w += 1) sum += Math.max(EXACT, distances[w] / words[w].text.length);
    return Math.pow(sum / words.length, this.#exponent[id]);
  }

  /**
   * The quick path, for two words or more: the entries with a text holding every word but one within
   * one of its words (typos allowed), found through the vocabulary (each distinct word measured
   * once), the last word anywhere in the text (across a space too, as fuse finds it). Each is scored
   * exactly as fuse scores it, over all its texts. Empty when no entry matches so.
   */
  #scoreAllButOneWithinWords(words: Word[], phrase: string): Scored {
    const count = words.length;
    const found = this.#entriesFound();
    for (let across = 0; across < count; across += 1) {
      // The texts holding every other word within a word, through the rarest one's texts.
      let rarest: Word | undefined;
      for (let w = 0; w < count; w += 1) if (w !== across && (!rarest || words[w].hits.length < rarest.hits.length)) rarest = words[w];
      for (const id of rarest!.hits) {
        let w = 0;
        while (w < count && (w === across || words[w].nearest[id] !== NEVER)) w += 1;
        if (w === count) found.add(this.#entryOf[id]);
      }
    }
    return this.#scoreEntries(words, phrase, found.list());
  }

  /**
   * The quick path for one word: the texts holding it within one of their words, scored as fuse scores
   * them; undefined when a text matching it only across a space (an edit at least) could still be shown
   * instead of them (past the `limit`-th best, or further than `spread` from the best, it cannot), and
   * the bounds decide.
   */
  #scoreOneWord(word: Word, phrase: string, limit: number, spread: number): Scored | undefined {
    const found = this.#entriesFound();
    for (const id of word.hits) found.add(this.#entryOf[id]);
    const scored = this.#scoreEntries([word], phrase, found.list());
    const best = bestOf(scored.scores, limit);
    const cut = Math.min(
      best.length < limit ? Infinity : scored.scores.get(best[limit - 1])!,
      best.length === 0 ? Infinity : scored.scores.get(best[0])! + spread,
    ) * (1 + 1e-9);
    // At least an edit in each of its texts, all of them matching: an entry's best score found so.
    const acrossAtBest = Math.pow(Math.max(EXACT, 1 / word.text.length), this.#largestEntryExponent);
    return acrossAtBest > cut ? scored : undefined;
  }

  /** A list of entries, each once: marked while added, the marks cleared as the list is read. */
  #entriesFound() {
    const marked = this.#bytes('candidate');
    const entries = this.#ids('candidates');
    let size = 0;
    return {
      add: (entry: number) => {
        if (marked[entry] !== 0) return;
        marked[entry] = 1;
        entries[size++] = entry;
      },
      list: () => {
        for (let at = 0; at < size; at += 1) marked[entries[at]] = 0;
        return entries.subarray(0, size);
      },
    };
  }

  /** The entries scored exactly as fuse scores them, over all their texts (those matching every word). */
  #scoreEntries(words: Word[], phrase: string, entries: Int32Array): Scored {
    const count = words.length;
    const measure = words.map((word) => new WordDistance(word.text));
    const distances = new Uint8Array(count);
    const scores = new Map<number, number>();
    const phrased = new Set<number>();
    for (const entry of entries) {
      let score = 1;
      let matched = false;
      for (let id = this.#firstText[entry]; id < this.#firstText[entry + 1]; id += 1) {
        let w = 0;
        for (; w < count; w += 1) {
          // The nearest single word is the distance up to one edit (across a space costs one at least).
          const near = words[w].nearest[id];
          distances[w] = near <= 1 ? near : measure[w].within(this.#textOf[id]);
          if (distances[w] > words[w].typos) break;
        }
        if (w < count) continue;
        matched = true;
        score *= this.#score(id, words, distances);
        if (this.#textOf[id].includes(phrase)) phrased.add(entry);
      }
      if (matched) scores.set(entry, score);
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
  #scoreByBounds(words: Word[], phrase: string, limit: number, spread: number): Scored {
    const n = this.#textOf.length;
    const count = words.length;
    const typos = words.map((word) => word.typos);
    // The bounds are compared as logarithms of fuse's score: a text's is its exponent (key weight times
    // length norm) times the log of its mean word score, looked up by the words' distances.
    const meanLog = this.#meanLogs(words, typos);
    const radix = typos.map((k) => k + 1);
    const lower = new Uint8Array(count);
    const upper = new Uint8Array(count);

    const best = this.#numbers('best').fill(0);
    const sure = this.#numbers('sure').fill(Infinity);
    const phrased = new Set<number>();
    // The word that rules out most texts first (judged on a sample): most texts then cost one bound.
    const sample = Math.min(n, 256);
    const passing = words.map((word) => {
      let passed = 0;
      for (let id = 0; id < sample; id += 1) if (word.nearest[id] <= word.typos || this.#bound(word, id) <= word.typos) passed += 1;
      return passed;
    });
    const order = words.map((_, w) => w).sort((a, b) => passing[a] - passing[b]);
    // Texts ruled out word by word, in tight loops over fewer and fewer texts, starting from those
    // holding enough of one word's letter pairs when some word needs any (found through its pairs' texts).
    // (Each pass writes its texts into the scratch list the one before did not: they are read as written.)
    const anchor = this.#anchor(words);
    const first = anchor ?? words[order[0]];
    const lists = [this.#ids('allowed a'), this.#ids('allowed b')];
    let allowed = this.#allowing(first, anchor && this.#holdingPairs(anchor), lists[0]);
    let pass = 1;
    for (const w of order) if (words[w] !== first) allowed = this.#allowing(words[w], allowed, lists[pass++ % 2]);
    // The texts left open, and per text and word the distance when the bounds fix it (NEVER: measure it).
    const open = new Int32Array(allowed.length);
    const bounds = new Uint8Array(allowed.length * count);
    let opened = 0;
    for (const id of allowed) {
      // Every word allows the text (#allowing), and noted the fewest edits it can take there.
      for (let w = 0; w < count; w += 1) {
        lower[w] = words[w].lower[id];
        upper[w] = words[w].nearest[id];
      }
      let low = 0;
      let high = 0;
      let certain = true;
      for (let w = 0; w < count; w += 1) {
        if (upper[w] > typos[w]) certain = false;
        low = low * radix[w] + lower[w];
        if (certain) high = high * radix[w] + upper[w];
      }
      const entry = this.#entryOf[id];
      for (let w = 0; w < count; w += 1) bounds[opened * count + w] = lower[w] === upper[w] ? upper[w] : NEVER;
      open[opened++] = id;
      best[entry] += this.#exponent[id] * meanLog(low);
      if (certain) sure[entry] = (sure[entry] === Infinity ? 0 : sure[entry]) + this.#exponent[id] * meanLog(high);
      // The phrase found as is means every word found exactly within a word of the text.
      if (certain && high === 0 && this.#textOf[id].includes(phrase)) phrased.add(entry);
    }
    // Past the `limit`-th surely matching entry an entry is shown only for holding the phrase; further
    // than `spread` from the best of them (whose score is at most its sure one), it is not shown at all.
    const cut = kthSmallest(sure, limit) + 1e-9;
    const shown = Math.log(Math.exp(kthSmallest(sure, 1)) + spread) + 1e-9;

    const measure = words.map((word) => new WordDistance(word.text));
    const exact = new Uint8Array(count);
    const scores = new Map<number, number>();
    for (let at = 0; at < opened; at += 1) {
      const id = open[at];
      const entry = this.#entryOf[id];
      if (best[entry] > shown || (best[entry] > cut && !phrased.has(entry))) continue;
      let w = 0;
      for (; w < count; w += 1) {
        const known = bounds[at * count + w];
        exact[w] = known !== NEVER ? known : measure[w].within(this.#textOf[id]);
        if (exact[w] > typos[w]) break;
      }
      if (w === count) scores.set(entry, (scores.get(entry) ?? 1) * this.#score(id, words, exact));
    }
    return { scores, phrased };
  }

  #word(text: string, slot: number): Word {
    const typos = allowedTypos(text.length);
    return {
      text,
      typos,
      ...this.#nearestWord(text, typos, slot),
      // For the q-gram lemma: with d edits, at least m − 1 − 2d of the word's letter pairs, and m − d of
      // its letters, are found in the text.
      pairs: Int32Array.from({ length: text.length - 1 }, (_, i) => pairOf(text, i)),
      letters: Int32Array.from({ length: text.length <= 6 ? text.length : 0 }, (_, i) => symbol(text.charCodeAt(i))),
      lower: this.#bytes(`lower ${slot}`),
    };
  }

  /**
   * The fewest edits the letters text `id` shares with the word allow (the q-gram lemma; symbols
   * standing for letters can only make it lower).
   */
  #bound(word: Word, id: number): number {
    const m = word.text.length;
    const { pairs, letters } = word;
    const pairBits = this.#pairBits;
    const base = id * PAIR_WORDS;
    let found = 0;
    // Without branches: whether a bit is set is a coin toss the processor cannot predict.
    for (let i = 0; i < pairs.length; i += 1) found += (pairBits[base + (pairs[i] >> 5)] >>> (pairs[i] & 31)) & 1;
    let d = (m - found) >> 1;
    if (letters.length > 0) {
      const bits = this.#letterBits[id];
      let held = 0;
      for (let i = 0; i < letters.length; i += 1) held += (bits >>> letters[i]) & 1;
      if (m - held > d) d = m - held;
    }
    return d;
  }

  /**
   * Of the words whose bound needs some of their letter pairs in a text (m − 1 − 2·typos ≥ 1), the one
   * whose pairs are held by the fewest texts (counted with repeats); undefined when no word needs any.
   */
  #anchor(words: Word[]): Word | undefined {
    let anchor: Word | undefined;
    let least = Infinity;
    for (const word of words) {
      if (word.text.length - 1 - 2 * word.typos < 1) continue;
      let held = 0;
      for (const pair of word.pairs) held += this.#textsWithPair.get(pair)?.length ?? 0;
      if (held < least) [anchor, least] = [word, held];
    }
    return anchor;
  }

  /**
   * The texts holding at least m − 1 − 2·typos of the word's letter pairs (one per position, as #bound
   * counts them), in order: every text the word may match is among them (the q-gram lemma).
   */
  #holdingPairs(word: Word): Int32Array {
    const needed = word.text.length - 1 - 2 * word.typos;
    const counts = this.#bytes('pair counts').fill(0);
    const reached = this.#ids('reached');
    let size = 0;
    for (const pair of word.pairs) {
      const ids = this.#textsWithPair.get(pair);
      if (!ids) continue;
      for (let i = 0; i < ids.length; i += 1) if (++counts[ids[i]] === needed) reached[size++] = ids[i];
    }
    return reached.subarray(0, size).sort();
  }

  /**
   * The texts (of all, or of `among`) the word may match: found within one of their words, or sharing
   * enough letters with it (#bound); for each, the fewest edits the word can take there goes into
   * `word.lower`. Written out for speed: this is the loop over every text.
   */
  #allowing(word: Word, among: Int32Array | undefined, into: Int32Array): Int32Array {
    const { nearest, typos, pairs, letters, lower } = word;
    const m = word.text.length;
    const pairBits = this.#pairBits;
    const letterBits = this.#letterBits;
    const total = among ? among.length : nearest.length;
    const allowed = into;
    let size = 0;
    for (let at = 0; at < total; at += 1) {
      const id = among ? among[at] : at;
      let low = nearest[id];
      if (low > 1) {
        const base = id * PAIR_WORDS;
        let found = 0;
        // Without branches: whether a bit is set is a coin toss the processor cannot predict.
        for (let i = 0; i < pairs.length; i += 1) found += (pairBits[base + (pairs[i] >> 5)] >>> (pairs[i] & 31)) & 1;
        let d = (m - found) >> 1;
        if (d > typos) continue;
        if (letters.length > 0) {
          const bits = letterBits[id];
          let held = 0;
          for (let i = 0; i < letters.length; i += 1) held += (bits >>> letters[i]) & 1;
          if (m - held > d) d = m - held;
          if (d > typos) continue;
        }
        if (d < low) low = d;
      }
      lower[id] = low;
      allowed[size++] = id;
    }
    return allowed.subarray(0, size);
  }


  /** log(mean word score) for the words' distances, given as one mixed-radix number (digit w: 0…k_w). */
  #meanLogs(words: Word[], typos: number[]): (code: number) => number {
    const size = typos.reduce((product, k) => product * (k + 1), 1);
    const value = (code: number) => {
      let sum = 0;
      for (let w = words.length - 1; w >= 0; w -= 1) {
        const d = code % (typos[w] + 1);
        code = (code - d) / (typos[w] + 1);
        sum += Math.max(EXACT, d / words[w].text.length);
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

  /** A list of text ids, one per text at most. */
  #ids(name: string): Int32Array {
    let array = this.#scratch.get(name) as Int32Array | undefined;
    if (!array) this.#scratch.set(name, (array = new Int32Array(this.#textOf.length)));
    return array;
  }

  #numbers(name: string): Float64Array {
    let array = this.#scratch.get(name) as Float64Array | undefined;
    if (!array) this.#scratch.set(name, (array = new Float64Array(this.#entries)));
    return array;
  }

  /**
   * For every text, the word's distance to the nearest single word in it, when that is within `typos`
   * (NEVER otherwise), and the texts so found: each distinct word of the list is measured once, and
   * its texts looked up.
   */
  #nearestWord(word: string, typos: number, slot: number): Pick<Word, 'nearest' | 'hits'> {
    const distance = new WordDistance(word);
    const nearest = this.#bytes(`nearest ${slot}`).fill(NEVER);
    const hits = this.#ids(`hits ${slot}`);
    let found = 0;
    const m = word.length;
    const letters = Int32Array.from({ length: m }, (_, i) => symbol(word.charCodeAt(i)));
    for (let at = 0; at < this.#vocabulary.length; at += 1) {
      // Measured only when its length and letters leave room for a match (the same bounds as for texts).
      if (m - this.#vocableLength[at] > typos) continue;
      const bits = this.#vocableBits[at];
      let held = 0;
      for (let i = 0; i < m; i += 1) held += (bits >>> letters[i]) & 1;
      if (m - held > typos) continue;
      const d = distance.within(this.#vocabulary[at]);
      if (d > typos) continue;
      const ids = this.#textsWith[at];
      for (let i = 0; i < ids.length; i += 1) {
        const id = ids[i];
        if (nearest[id] === NEVER) hits[found++] = id;
        if (d < nearest[id]) nearest[id] = d;
      }
    }
    return { nearest, hits: hits.subarray(0, found) };
  }

}

/** The k-th smallest of the values (k ≥ 1); Infinity when there are fewer finite ones. */
function kthSmallest(values: Float64Array, k: number): number {
  // Indexed, into a typed array: numbers read from a Float64Array stay unboxed (no garbage per entry).
  const kept = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === Infinity) continue;
    if (size === k && value >= kept[k - 1]) continue;
    let at = size === k ? k - 1 : size;
    while (at > 0 && value < kept[at - 1]) {
      if (at < k) kept[at] = kept[at - 1];
      at -= 1;
    }
    kept[at] = value;
    if (size < k) size += 1;
  }
  return size === k ? kept[k - 1] : Infinity;
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
