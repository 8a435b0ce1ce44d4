// How far a typed word is from the nearest part of a text: the fewest letters to add, drop or change
// (Myers 1999, "A fast bit-vector algorithm for approximate string matching", search variant).
// fuse.js's Bitap answers the same question; this one is exact and cheap enough to ask of thousands of texts.

/** Built once per word (at most 32 letters: one machine word of bits), then asked of any number of texts. */
export class WordDistance {
  readonly #ascii = new Int32Array(128);
  readonly #other = new Map<number, number>();
  readonly #high: number;
  readonly #length: number;

  constructor(word: string) {
    this.#length = word.length;
    this.#high = 1 << (word.length - 1);
    for (let i = 0; i < word.length; i += 1) {
      const code = word.charCodeAt(i);
      if (code < 128) this.#ascii[code] |= 1 << i;
      else this.#other.set(code, (this.#other.get(code) ?? 0) | (1 << i));
    }
  }

  /** The least edits turning the word into some part of `text`. */
  within(text: string): number {
    const ascii = this.#ascii;
    const high = this.#high;
    let pv = -1;
    let mv = 0;
    let score = this.#length;
    let best = score;
    for (let j = 0; j < text.length; j += 1) {
      const code = text.charCodeAt(j);
      const eq = code < 128 ? ascii[code] : this.#other.get(code) ?? 0;
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score += 1;
      else if (mh & high) score -= 1;
      // The text may start anywhere: no carry into the first row.
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score < best) best = score;
    }
    return best;
  }
}
