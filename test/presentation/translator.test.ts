// translatorFor fills the sentences itself when that is plain substitution (a card asks for dozens a
// turn); what it says must be exactly what i18next would say, for every key, language and set of values.
import fc from 'fast-check';
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
  { name: 'Amélie', company: 'Dupont & Fils <b>', role: 'R&D', product: 'AutoEntry', email: 'x@y.fr', limit: 50, what: 'a "quote"', language: 'Français' },
];
/** Every name a sentence fills in. */
const NAMES = ['name', 'company', 'role', 'product', 'email', 'what', 'value', 'to', 'from', 'products', 'limit', 'language', 'label'];

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

  it('fills any values as i18next does: markup-like text, numbers, missing values, i18next options', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('{{name}}', '$t(common.back)', '{{- company}}', '', '  ', 'l’Étoile', '$', '$&', '<i>'),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
    );
    const options = fc.dictionary(fc.constantFrom(...NAMES, 'count', 'defaultValue', 'context'), value);
    fc.assert(fc.property(fc.constantFrom(...KEYS, 'no.such.key', 'roles.custom-x'), fc.constantFrom('en', 'fr'), options, (key, language, values) => {
      expect(translatorFor(language)(key, values as never)).toBe(i18n.getFixedT(language)(key, values as never));
    }), { numRuns: 2000 });
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
