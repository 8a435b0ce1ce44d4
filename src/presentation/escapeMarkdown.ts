// Teams draws card text blocks and facts as Markdown: a stored "[verify](https://evil.example)" would be a link.
// Our sentences carry none (test/presentation/locales.test.ts), so each text is escaped whole, and only what
// can start Markdown, since a client with weaker Markdown may show the backslashes. Bare URLs are left:
// Teams links them whatever we do, and such a link shows where it goes, unlike [text](url).

/** Emphasis, code, links and images, autolinks and HTML, strikethrough, tables, and the escape itself. */
const ANYWHERE = /[\\`*_[\]<>~|]/g;
/** An entity reference ("&#x202E;", "&amp;") would be decoded into the character it names. */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
/** What makes a line a heading, list item, rule or heading underline: a leading #, -, +, = or a number then "." or ")". */
const LINE_START = /^([ \t]*)(?:([#+=-])|(\d+)([.)]))/gm;

/** The text with everything Markdown would read as markup escaped; a CommonMark reader shows the text itself. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(ANYWHERE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(LINE_START, (_, indent: string, marker?: string, digits?: string, dot?: string) =>
      marker ? `${indent}\\${marker}` : `${indent}${digits}\\${dot}`);
}
