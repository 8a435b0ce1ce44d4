/** Lower case, no accents, straight apostrophes, single spaces, no trailing punctuation. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!,;:]+|[\s.!,;:]+$/g, '')
    .trim();
}
