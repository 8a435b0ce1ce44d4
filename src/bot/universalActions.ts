// Teams draws Action.Execute (universal actions): its click comes as an `adaptiveCard/action`
// invoke whose answer replaces the card in place. Other channels keep Action.Submit.

export const EXECUTE_VERB = 'flow';

/** The same card, with every Action.Submit (buttons and tappable rows) turned into Action.Execute. */
export function withUniversalActions<T>(card: T): T {
  if (Array.isArray(card)) return card.map(withUniversalActions) as T;
  if (typeof card !== 'object' || card === null) return card;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(card)) out[key] = withUniversalActions(value);
  if (out.type === 'Action.Submit') {
    out.type = 'Action.Execute';
    out.verb = EXECUTE_VERB;
  }
  return out as T;
}
