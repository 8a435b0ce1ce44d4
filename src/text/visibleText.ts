// What of a text a person can see. Bidirectional controls (U+202E…), zero-width and other invisible
// characters make a name read as something it is not, so names keep only the characters that show.

/** Format characters (bidi controls, zero-width spaces and joiners, soft hyphen, BOM…) and the others Unicode draws as nothing. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Control characters and line or paragraph separators: a line break inside a name could forge a line of its own. */
const BREAKS = /[\p{Cc}\u2028\u2029]/gu;

/** The text as it will be shown: invisible characters removed, control characters and line breaks made spaces. */
export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '').replace(BREAKS, ' ');
}

/** Whether the text holds anything `withoutInvisibles` would remove or replace. */
export function hasInvisibles(text: string): boolean {
  return withoutInvisibles(text) !== text;
}

/** Text a person typed, as it is read and stored: only what shows, composed (NFC), single spaces, trimmed. */
export function visibleText(text: string): string {
  // Removed before composing, so "e", a zero-width space and an accent still make one "é".
  return withoutInvisibles(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}
