/**
 * The first `max` characters of a string as a string of their own: V8's slice of a long string keeps the
 * whole of it alive, so a cut kept from a sender's text (the audit) would hold on to everything they sent.
 */
export const detached = (value: string, max: number): string =>
  value.length <= max ? value : Buffer.from(value.slice(0, max), 'utf8').toString('utf8');
