import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NoticeCode } from '../../flows/accessFlow.types.ts';
import { LANGUAGES, PRODUCTS, type RefusalReason, type RoleNameProblem } from '../../flows/ports.ts';
import { languageOf, translatorFor } from '../../src/presentation/i18n.ts';
import { STEP_IDS } from '../../src/presentation/describeStep.ts';
import { escapeMarkdown } from '../../src/presentation/escapeMarkdown.ts';
import { withoutInvisibles } from '../../src/text/visibleText.ts';

type Tree = { [key: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}/translation.json`, import.meta.url), 'utf8')) as Tree;
const en = load('en');
const fr = load('fr');
const catalogue = JSON.parse(readFileSync(new URL('../../data/catalogue.json', import.meta.url), 'utf8')) as {
  products: Array<{ id: string; permissionGroups: Array<{ group: string; permissions: string[] }>; roles: Array<{ id: string }> }>;
};

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const NOTICES = {
  'no-company-match': 1, 'no-person-match': 1, 'not-offered': 1, 'protected-owner': 1, 'no-custom-roles': 1,
  'no-permission': 1, 'role-created': 1, 'role-rejected': 1, 'cannot-change': 1, cancelled: 1, 'nothing-to-cancel': 1, 'save-failed': 1,
  'invitation-resent': 1, 'invitation-cancelled': 1, 'invitation-not-pending': 1, 'no-member-picked': 1, 'no-member-match': 1,
} satisfies Record<NoticeCode, 1>;
const REFUSALS = {
  'not-allowed': 1, 'protected-owner': 1, 'unknown-company': 1, 'unknown-person': 1, 'unknown-role': 1, 'wrong-product': 1,
  'product-not-subscribed': 1, 'client-staff': 1, 'forged-payload': 1,
} satisfies Record<RefusalReason, 1>;
const NAME_PROBLEMS = { empty: 1, 'too-long': 1, duplicate: 1 } satisfies Record<RoleNameProblem, 1>;

describe('locales', () => {
  const enKeys = flatten(en);
  const frKeys = flatten(fr);

  it('have the same keys in English and French', () => {
    expect([...frKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it("the local page's strings too, with the same variables", () => {
    const page = (lang: string) => flatten(JSON.parse(readFileSync(new URL(`../../locales/${lang}/page.json`, import.meta.url), 'utf8')) as Tree);
    const [enPage, frPage] = [page('en'), page('fr')];
    expect([...frPage.keys()].sort()).toEqual([...enPage.keys()].sort());
    for (const [key, text] of enPage) expect(variables(frPage.get(key)!), key).toEqual(variables(text));
  });

  it('have no empty sentence', () => {
    for (const [key, text] of [...enKeys, ...frKeys]) expect(text.trim(), key).not.toBe('');
  });

  // Cards escape each text whole, names and sentence alike: right only while sentences carry no Markdown.
  it('carry no Markdown and no invisible characters, so a card shows each sentence as written', () => {
    for (const [key, text] of [...enKeys, ...frKeys]) {
      expect(escapeMarkdown(text), key).toBe(text);
      expect(withoutInvisibles(text), key).toBe(text);
    }
  });

  // French names a role before its product: "le rôle De base de Gestion des clients", "le rôle … d'AutoEntry".
  it('never put a product name straight after "rôle" in French', () => {
    const products = [...PRODUCTS.map((p) => frKeys.get(`products.${p}`)!), '{{product}}'];
    for (const [key, text] of frKeys) {
      for (const product of products) expect(text, key).not.toMatch(new RegExp(`rôles?\\s+${product.replace(/[{}]/g, '\\$&')}`));
    }
  });

  it('use the same interpolation variables for each key in both languages', () => {
    for (const [key, text] of enKeys) expect(variables(frKeys.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('name every product, role, permission group, permission and language of the catalogue', () => {
    const needed = [
      ...PRODUCTS.map((p) => `products.${p}`),
      ...PRODUCTS.map((p) => `productsOf.${p}`),
      ...LANGUAGES.map((l) => `languages.${l}`),
      ...catalogue.products.flatMap((p) => [
        ...p.roles.map((r) => `roles.${r.id}`),
        ...p.permissionGroups.flatMap((g) => [`permissionGroups.${g.group}`, ...g.permissions.map((c) => `permissions.${c}`)]),
      ]),
      // Products without a permission list are described in words instead.
      ...catalogue.products.filter((p) => p.permissionGroups.length === 0).flatMap((p) => p.roles.map((r) => `roleDescriptions.${r.id}`)),
    ];
    for (const key of needed) {
      expect(enKeys.has(key), key).toBe(true);
      expect(frKeys.has(key), key).toBe(true);
    }
  });

  it('cover every notice, refusal, role-name problem and step', () => {
    const needed = [
      ...Object.keys(NOTICES).map((c) => `notices.${c}`),
      ...Object.keys(REFUSALS).map((r) => `refusals.${r}`),
      ...Object.keys(NAME_PROBLEMS).map((p) => `notices.roleName.${p}`),
      ...STEP_IDS.flatMap((s) => [`steps.${s}.help`, `steps.${s}.hint`]),
    ];
    for (const key of needed) expect(enKeys.has(key), key).toBe(true);
  });

  it('show the five preferred languages by their own names in both locales', () => {
    for (const code of LANGUAGES) expect(frKeys.get(`languages.${code}`)).toBe(enKeys.get(`languages.${code}`));
    expect(enKeys.get('languages.fr-CA')).toBe('Français (Canada)');
  });

  it('use the product’s own French labels', () => {
    const values = [...frKeys.values()].join('\n');
    for (const label of ['Gestion des clients', 'Gérer les utilisateurs', 'Ajouter un utilisateur', "Modifier l'utilisateur",
      'Produit', 'Rôle', 'Afficher le rôle', 'Langue préférée', 'Ajouter', 'Enregistrer']) {
      expect(values, label).toContain(label);
    }
  });
});

describe('translatorFor', () => {
  it('speaks French for every French locale and English for everything else', () => {
    for (const locale of ['fr', 'fr-FR', 'fr-CA', 'fr-BE', 'FR_ch']) expect(languageOf(locale), locale).toBe('fr');
    for (const locale of [undefined, '', 'en', 'en-GB', 'en-US', 'de-DE', 'frisian']) expect(languageOf(locale), String(locale)).toBe('en');
    expect(translatorFor('fr-CA')('fields.language')).toBe('Langue préférée');
    expect(translatorFor('de-DE')('fields.language')).toBe('Preferred language');
  });

  it('does not escape names as HTML', () => {
    expect(translatorFor('fr')('steps.idle.titleNamed', { name: "Zoë l'Étoile & co" })).toBe("Bonjour Zoë l'Étoile & co");
  });
});
