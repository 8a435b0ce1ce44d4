// Names on cards are Markdown-escaped: what a CommonMark reader shows is the text itself, and nothing
// in it is left for the reader to take as a link, emphasis, code, heading, list or entity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/presentation/escapeMarkdown.ts';

/** CommonMark's rule for backslash escapes: a backslash before ASCII punctuation stands for that character. */
const readEscapes = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Characters that start or end inline Markdown wherever they are, when not escaped. */
const INLINE = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '~', '|']);

/** Where an escaped text still holds Markdown a reader would act on, or undefined when it holds none. */
function markupIn(escaped: string): string | undefined {
  for (let i = 0; i < escaped.length; i += 1) {
    const c = escaped[i];
    if (c === '\\') {
      if (!/[!-/:-@[-`{-~]/.test(escaped[i + 1] ?? '')) return `a lone backslash at ${i}`;
      i += 1;
    } else if (INLINE.has(c)) return `"${c}" at ${i}`;
    else if (c === '&' && /^&#?[A-Za-z0-9]+;/.test(escaped.slice(i))) return `an entity at ${i}`;
  }
  for (const line of escaped.split(/\r\n?|\n/)) {
    if (/^[ \t]*([#+=-]|\d+[.)])/.test(line)) return `a line starting "${line.slice(0, 8)}"`;
  }
  return undefined;
}

/** Strings dense in Markdown: punctuation, digits, line breaks, URL pieces. */
const markdownish = fc.string({
  unit: fc.constantFrom(...'\\*_[]()`#+-!>~|<&;#x20E1.:/ \n\thttps'.split(''), 'https://evil.example', '**', '&#x202E;', '1. '),
  maxLength: 40,
});

describe('escapeMarkdown', () => {
  it.each([
    ['[verify](https://evil.example)', '\\[verify\\](https://evil.example)'],
    ['![x](https://evil.example/p.png)', '!\\[x\\](https://evil.example/p.png)'],
    ['<https://evil.example>', '\\<https://evil.example\\>'],
    ['**bold** and _x_', '\\*\\*bold\\*\\* and \\_x\\_'],
    ['`code` ~~gone~~ a|b', '\\`code\\` \\~\\~gone\\~\\~ a\\|b'],
    ['# h', '\\# h'],
    ['1. x', '1\\. x'],
    ['12) x', '12\\) x'],
    ['- x', '\\- x'],
    ['+ x', '\\+ x'],
    ['> quote', '\\> quote'],
    ['&#x202E;evil &amp; co', '\\&#x202E;evil \\&amp; co'],
    ['a\\b', 'a\\\\b'],
  ])('shows %j as written', (name, escaped) => {
    expect(escapeMarkdown(name)).toBe(escaped);
    expect(readEscapes(escaped)).toBe(name);
  });

  it('leaves ordinary names and the assistant’s sentences as they are', () => {
    for (const text of ["Garage Leroy & Fils", "Café de l'Étoile", 'Maple Leaf Bakery Inc.', 'Crêperie Sainte-Anne', 'No. 1 Dupont (Lyon)', 'Role: no access → Files admin']) {
      expect(escapeMarkdown(text)).toBe(text);
    }
  });

  it('for any text, a Markdown reader shows the text itself and finds no markup in it', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: 'binary' })), (text) => {
        const escaped = escapeMarkdown(text);
        expect(readEscapes(escaped)).toBe(text);
        expect(markupIn(escaped)).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
  });
});
