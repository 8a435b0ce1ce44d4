// translatorFor remembers what i18next answered (a card asks for dozens of sentences a turn); what it
// remembers must be exactly what i18next would say, for every key, language and set of values.
import { describe, expect, it } from 'vitest';
import en from '../../locales/en/translation.json' with { type: 'json' };
import { i18n, translatorFor } from '../../src/presentation/i18n.ts';

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

const KEYS = keysOf(en);
const VALUES = [
  { name: 'Claire', company: 'Café de l’Étoile', role: 'Documents basic', product: 'AutoEntry', email: 'a@b.fr', count: 1 },
  { name: 'Julien', company: 'Garage Leroy & Fils', role: 'Files admin', product: 'Futrli', email: 'c@d.co.uk', count: 3 },
];

describe('translatorFor', () => {
  it.each(['en-GB', 'fr-CA'])('says in %s what i18next says, every time, whatever the values', (locale) => {
    const t = translatorFor(locale);
    const fresh = i18n.getFixedT(locale.startsWith('fr') ? 'fr' : 'en');
    for (let round = 0; round < 2; round += 1) {
      for (const key of KEYS) {
        expect(t(key)).toBe(fresh(key));
        for (const values of VALUES) expect(t(key, values)).toBe(fresh(key, values));
      }
    }
  });

  it('keeps the two languages apart', () => {
    expect(translatorFor('fr-FR')('fields.language')).not.toBe(translatorFor('en-GB')('fields.language'));
    expect(translatorFor('fr-FR')('fields.language')).toBe('Langue préférée');
  });

  it('answers calls it does not remember (objects among the values) as i18next does', () => {
    const values = { name: { toString: () => 'Claire' } };
    expect(translatorFor('en')('steps.idle.titleNamed', values as never)).toBe(i18n.getFixedT('en')('steps.idle.titleNamed', values as never));
  });
});
