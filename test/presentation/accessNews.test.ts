// The message a colleague gets when someone else changed their access: in their language, names escaped
// for Markdown only where the channel reads Markdown, a preferred language alone not news, a long list cut short.
import { describe, expect, it } from 'vitest';
import type { GrantView } from '../../flows/ports.ts';
import { accessNewsText, MAX_LINES, type AccessNews, type NewsLookups } from '../../src/presentation/accessNews.ts';
import { translatorFor } from '../../src/presentation/i18n.ts';

const lookups: NewsLookups = {
  company: (_p, id) => ({ name: id === 'co-link' ? 'Boulangerie [Dupont](https://evil.example)' : `Company ${id}` }),
  colleague: (_p, id) => (id === 'operator' ? undefined : { name: id === 'actor' ? 'Julien *Moreau*' : 'Camille Leroy' }),
  role: (_p, roleId) => (roleId === 'custom' ? { kind: 'custom', name: 'Saisie_achats' } : { kind: 'default' }),
};
const grant = (roleId: string, language: GrantView['language'] = 'fr-CA'): GrantView => ({ product: 'autoentry', roleId, language, version: 1 });
const news = (items: AccessNews['items'], actorId = 'actor'): AccessNews => ({ practiceId: 'demo', actorId, colleagueId: 'demo-basic', items });

describe('accessNewsText', () => {
  it('escapes names for Markdown in Teams, and leaves them as they are in plain text', () => {
    const items = [{ companyId: 'co-link', product: 'autoentry' as const, before: null, after: grant('custom') }];
    const markdown = accessNewsText(news(items), lookups, translatorFor('en-GB'), true)!;
    expect(markdown).toBe([
      'Hello Camille, Julien \\*Moreau\\* has changed your access.',
      'You can now open AutoEntry at Boulangerie \\[Dupont\\](https://evil.example), with the role Saisie\\_achats.',
      'This takes effect the next time you sign in.',
    ].join('\n\n'));
    expect(accessNewsText(news(items), lookups, translatorFor('en-GB'), false)).toContain('at Boulangerie [Dupont](https://evil.example), with the role Saisie_achats.');
  });

  it('names the practice when the operator made the change, and says nothing of a preferred language alone', () => {
    const languageOnly = { companyId: 'co-a', product: 'autoentry' as const, before: grant('autoentry.files-basic', 'fr-FR'), after: grant('autoentry.files-basic', 'en-GB') };
    expect(accessNewsText(news([languageOnly]), lookups, translatorFor('fr-CA'), true)).toBeUndefined();
    const removed = { companyId: 'co-a', product: 'autoentry' as const, before: grant('autoentry.files-basic'), after: null };
    expect(accessNewsText(news([languageOnly, removed], 'operator'), lookups, translatorFor('fr-CA'), true)).toBe([
      'Bonjour Camille, votre cabinet a modifié vos accès.',
      "Vous n'avez plus accès à AutoEntry chez Company co-a (votre rôle était Fichiers de base).",
      'Cela prend effet à votre prochaine connexion.',
    ].join('\n\n'));
  });

  it(`lists ${MAX_LINES} changes at most and counts the others`, () => {
    const items = Array.from({ length: MAX_LINES + 3 }, (_, i) => ({ companyId: `co-${i}`, product: 'autoentry' as const, before: grant('autoentry.files-basic'), after: null }));
    const text = accessNewsText(news(items), lookups, translatorFor('en-GB'), true)!;
    expect(text.match(/You no longer have access/g)).toHaveLength(MAX_LINES);
    expect(text).toContain('(3 more, not listed here.)');
  });
});
