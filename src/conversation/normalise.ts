import { withoutInvisibles } from '../text/visibleText.ts';

/** Lower case, no accents, straight apostrophes, single spaces, no trailing punctuation. */
export function normalise(text: string): string {
  // A label from a stored name may hide a zero-width space; what is typed never carries one.
  return withoutInvisibles(text)
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!,;:]+|[\s.!,;:]+$/g, '')
    .trim();
}
