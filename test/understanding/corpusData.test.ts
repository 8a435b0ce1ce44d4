// The corpus itself, checked against the demo practice without the parser: every id it expects exists,
// every role belongs to its product, every product is one the company subscribes to (but for the few
// sentences marked "product not subscribed"), new people's e-mails are nobody's, and the mix of
// languages and requests is the one the issue asks for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/domain/schema.ts';
import { CORPUS } from './corpus.ts';

const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;
const CATALOGUE = JSON.parse(readFileSync(new URL('../../data/catalogue.json', import.meta.url), 'utf8')) as {
  products: Array<{ id: string; roles: Array<{ id: string }> }>;
};
const PRACTICE = DEMO.practices.find((p) => p.id === 'demo')!;
const COMPANIES = new Map(PRACTICE.companies.map((c) => [c.id, c]));
const COLLEAGUES = new Map(PRACTICE.colleagues.map((c) => [c.id, c]));
const OWNER = PRACTICE.colleagues.find((c) => c.practiceRole === 'client-management.business-owner')!.id;

/** Role id → its product: the catalogue's defaults and the practice's custom roles. */
const ROLE_PRODUCT = new Map<string, string>([
  ...CATALOGUE.products.flatMap((p) => p.roles.map((r) => [r.id, p.id] as [string, string])),
  ...PRACTICE.customRoles.map((r) => [r.id, r.product] as [string, string]),
]);

/** The sentences knowingly asking for a product the company does not subscribe to. */
const PRODUCT_NOT_SUBSCRIBED = [
  'give Sophie Documents basic at Pharmacie Centrale',
  "donne à Thomas le rôle Standard sur Futrli au Café de l'Étoile",
];

const INTENTS = ['add', 'edit', 'remove', 'list', 'personAccess', 'copy', 'removeAll', 'undo', 'history', 'importTeam', 'unsupported'];

describe('the understanding corpus', () => {
  it('has at least 150 sentences in each language, none twice', () => {
    expect(CORPUS.filter((e) => e.lang === 'en').length).toBeGreaterThanOrEqual(150);
    expect(CORPUS.filter((e) => e.lang === 'fr').length).toBeGreaterThanOrEqual(150);
    const texts = CORPUS.map((e) => e.text.trim().toLowerCase());
    expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
  });

  it('gives every sentence an intent, and covers each intent in both languages', () => {
    for (const entry of CORPUS) expect(INTENTS, entry.text).toContain(entry.expect.intent);
    for (const lang of ['en', 'fr']) {
      for (const intent of INTENTS) {
        expect(CORPUS.some((e) => e.lang === lang && e.expect.intent === intent), `${lang} ${intent}`).toBe(true);
      }
      expect(CORPUS.filter((e) => e.lang === lang && e.expect.ambiguous).length, `${lang} ambiguous`).toBeGreaterThanOrEqual(8);
      expect(CORPUS.filter((e) => e.lang === lang && e.expect.email).length, `${lang} invitations`).toBeGreaterThanOrEqual(8);
    }
  });

  it('names only companies and colleagues of the demo practice', () => {
    for (const { text, expect: want } of CORPUS) {
      for (const id of want.companies ?? []) expect(COMPANIES.has(id), `${text}: ${id}`).toBe(true);
      if (want.person) expect(COLLEAGUES.has(want.person), `${text}: ${want.person}`).toBe(true);
      if (want.from) expect(COLLEAGUES.has(want.from), `${text}: ${want.from}`).toBe(true);
      if (want.from) expect(want.intent, text).toBe('copy');
      expect(want.since, text).toBeUndefined();
    }
  });

  it("fills a colleague's e-mail as the colleague, and a new one's as an invitation", () => {
    const emails = new Map(PRACTICE.colleagues.map((c) => [c.email, c.id]));
    for (const { text, expect: want } of CORPUS) {
      const typed = text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/)?.[0];
      if (!typed) {
        expect(want.email, text).toBeUndefined();
        continue;
      }
      const colleague = emails.get(typed);
      if (colleague) {
        expect(want.person, text).toBe(colleague);
        expect(want.email, text).toBeUndefined();
      } else {
        expect(want.email, text).toBe(typed);
        expect(want.person, text).toBeUndefined();
      }
    }
  });

  it('expects roles of their own product, on products the companies subscribe to', () => {
    const unsubscribed: string[] = [];
    for (const { text, expect: want } of CORPUS) {
      if (want.roleId) {
        expect(ROLE_PRODUCT.get(want.roleId), `${text}: ${want.roleId}`).toBeDefined();
        expect(want.product, text).toBe(ROLE_PRODUCT.get(want.roleId));
      }
      if (want.product && (want.companies ?? []).some((id) => !COMPANIES.get(id)!.products.includes(want.product!))) {
        unsubscribed.push(text);
      }
    }
    expect(unsubscribed).toEqual(PRODUCT_NOT_SUBSCRIBED);
  });

  it("never asks to change or remove the Business Owner's Client Management role (rule 2)", () => {
    for (const { text, expect: want } of CORPUS) {
      if (want.person !== OWNER || !['add', 'edit', 'remove', 'removeAll', 'copy'].includes(want.intent!)) continue;
      expect(want.intent, text).not.toBe('removeAll');
      expect(want.product, text).toBeDefined();
      expect(want.product, text).not.toBe('client-management');
    }
  });

  it('marks a part ambiguous only with real candidates, and then leaves the field itself out', () => {
    for (const { text, expect: want } of CORPUS) {
      if (!want.ambiguous) continue;
      expect(want.ambiguous.candidates.length, text).toBeGreaterThanOrEqual(2);
      const known = want.ambiguous.field === 'company' ? COMPANIES : COLLEAGUES;
      for (const id of want.ambiguous.candidates) expect(known.has(id), `${text}: ${id}`).toBe(true);
      if (want.ambiguous.field === 'company') expect(want.companies, text).toBeUndefined();
      else expect(want.person, text).toBeUndefined();
    }
  });
});
