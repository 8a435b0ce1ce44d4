/**
 * The first `max` characters of a string as a string of their own: V8's slice of a long string keeps the
 * whole of it alive, so a cut kept from a sender's text (the audit) would hold on to everything they sent.
 */
export const detached = (value: string, max: number): string =>
  value.length <= max ? value : Buffer.from(value.slice(0, max), 'utf8').toString('utf8');

/**
 * A string of its own, whatever its length: a field read from a file is a slice of the file's whole text
 * (V8 shares it), and kept anywhere that outlives the file it would keep all of that text alive.
 */
export const ownCopy = (value: string): string => Buffer.from(value, 'utf8').toString('utf8');
