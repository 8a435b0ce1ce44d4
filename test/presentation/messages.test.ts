// What the steps say: the welcome, the summary's rules (3, 4, 6), done, conflict, notices and help.
import { describe, expect, it } from 'vitest';
import type { FlowEvent, Notice, NoticeCode } from '../../flows/accessFlow.types.ts';
import type { AccessChange } from '../../flows/ports.ts';
import { describeNotice, describeStep, helpFor, notUnderstood, STEP_IDS, type StepId } from '../../src/presentation/describeStep.ts';
import { translatorFor } from '../../src/presentation/i18n.ts';
import type { Prompt } from '../../src/presentation/prompt.ts';
import { answerLine } from '../../src/presentation/steps/outcome.prompt.ts';
import { demoRepository, run, withOverrides } from './support.ts';

const T = (text: string): FlowEvent => ({ type: 'TEXT', text });
const holders = (company: string, action: 'edit' | 'remove'): FlowEvent[] => [{ type: 'START' }, T(company), { type: 'PICK_ACTION', action }];
const words = (p: Prompt) => [p.title, ...p.body.map((b) => (b.kind === 'text' ? b.text : JSON.stringify(b)))].join('\n');
const labels = (p: Prompt) => [...p.choices, ...p.actions].map((c) => c.label);

async function say(events: FlowEvent[], lang = 'en', extra: { firstName?: string; repo?: ReturnType<typeof demoRepository> } = {}) {
  const repo = extra.repo ?? demoRepository();
  const { step, context } = await run(repo, 'demo-admin', events);
  return describeStep({ step: step as StepId, context, lookups: repo, t: translatorFor(lang), firstName: extra.firstName });
}

const addJulienToCafe: FlowEvent[] = [
  { type: 'START', mode: 'add' }, T("Café de l'Étoile"), T('julien.moreau@cabinet-martin.fr'),
  { type: 'PICK_PRODUCT', product: 'autoentry' }, { type: 'PICK_ROLE', roleId: 'autoentry.documents-standard' }, { type: 'PICK_LANGUAGE', language: 'fr-FR' },
];

describe('the welcome', () => {
  it('greets by first name when known', async () => {
    expect((await say([], 'en', { firstName: 'Claire' })).title).toBe('Hello Claire');
    expect((await say([], 'fr')).title).toBe('Bonjour');
    expect(labels(await say([], 'fr'))).toEqual(['Ajouter un utilisateur', "Modifier l'utilisateur", "Retirer l'accès", 'Qui a accès']);
  });
});

describe('the summary', () => {
  it('offers Client Management Basic when the person has no Client Management role there (rule 3), and can switch it off', async () => {
    const events: FlowEvent[] = [...addJulienToCafe];
    events[2] = T('Emma Wilson');
    const on = await say(events);
    expect(words(on)).toContain('They have no Client Management role on this company, so AutoEntry would stay invisible to them: Client Management Basic will be added too.');
    expect(on.choices[1].event).toEqual({ type: 'SET_CM_BASIC', value: false });
    const off = await say([...events, { type: 'SET_CM_BASIC', value: false }]);
    expect(words(off)).toContain('AutoEntry will stay invisible to them');
    expect(off.choices[1].event).toEqual({ type: 'SET_CM_BASIC', value: true });
  });

  it('says a role change takes effect at the next sign-in (rule 4) and shows from → to', async () => {
    const events = [...holders('Dupont Frères', 'edit'), { type: 'PICK_PERSON', colleagueId: 'demo-standard' },
      { type: 'PICK_PRODUCT', product: 'autoentry' }, { type: 'PICK_ROLE', roleId: 'autoentry.files-admin' }, { type: 'PICK_LANGUAGE', language: 'fr-FR' }] as FlowEvent[];
    const fr = await say(events, 'fr');
    expect(words(fr)).toContain('Rôle\u00a0: Saisie achats → Administrateur des fichiers');
    expect(words(fr)).toContain('Sophie verra la modification à sa prochaine connexion.');
    expect(words(fr)).not.toContain('Langue préférée\u00a0:');
    expect(fr.choices[0]).toMatchObject({ label: 'Enregistrer', event: { type: 'CONFIRM' }, style: 'positive' });
    expect(labels(fr)).toEqual(['Enregistrer', 'Changer de rôle', 'Changer de langue', 'Retour', 'Annuler']);
  });

  it('warns when a removal takes the last role on the company (rule 6)', async () => {
    const events = [...holders('Pâtisserie Lefèvre', 'remove'), { type: 'PICK_PERSON', colleagueId: 'demo-basic' },
      { type: 'PICK_PRODUCT', product: 'client-management' }] as FlowEvent[];
    const p = await say(events);
    expect(words(p)).toContain('This is their last role on Pâtisserie Lefèvre: they will lose access to it.');
    expect(p.choices[0]).toMatchObject({ label: 'Remove access', style: 'destructive' });
  });

  it('warns that removing Client Management hides the other products', async () => {
    const events = [...holders('Dupont Frères', 'remove'), { type: 'PICK_PERSON', colleagueId: 'demo-standard' },
      { type: 'PICK_PRODUCT', product: 'client-management' }] as FlowEvent[];
    expect(words(await say(events))).toContain('Without a Client Management role, AutoEntry will become invisible to them on Dupont Frères.');
  });
});

describe('after the change', () => {
  it('says what was added and when it takes effect', async () => {
    const p = await say([...addJulienToCafe, { type: 'CONFIRM' }]);
    expect(words(p)).toContain("Added: Documents standard on AutoEntry for Julien Moreau at Café de l'Étoile.");
    expect(words(p)).toContain('It takes effect the next time Julien signs in.');
    expect(labels(p)).toContain('Another user for this company');
  });

  it('names the role someone else just gave', async () => {
    const repo = demoRepository();
    const racing = withOverrides(repo, {
      commit: async (change: AccessChange) => {
        await repo.commit({ ...change, actorId: 'demo-owner', roleId: 'autoentry.files-admin', language: 'fr-FR' });
        return repo.commit(change);
      },
    });
    const { step, context } = await run(racing, 'demo-admin', [...addJulienToCafe, { type: 'CONFIRM' }]);
    expect(step).toBe('conflict');
    const p = describeStep({ step: 'conflict', context, lookups: repo, t: translatorFor('en-GB') });
    expect(words(p)).toContain("Someone else just changed Julien Moreau's role on AutoEntry for Café de l'Étoile: it is now Files admin.");
  });

  it('writes the answered-step line for the small card', async () => {
    const repo = demoRepository();
    const { context } = await run(repo, 'demo-admin', addJulienToCafe);
    const input = { context, lookups: repo, t: translatorFor('fr') };
    expect(answerLine(input, 'company')).toBe("Entreprise\u00a0: Café de l'Étoile ✓");
    expect(answerLine(input, 'role')).toBe('Rôle\u00a0: Documents standard ✓');
  });
});

describe('notices and help', () => {
  const codes: NoticeCode[] = ['no-company-match', 'no-person-match', 'not-offered', 'protected-owner', 'no-custom-roles',
    'no-permission', 'role-created', 'role-rejected', 'cannot-change', 'cancelled', 'nothing-to-cancel', 'save-failed'];
  const notices: Notice[] = [
    ...codes.map((code) => ({ type: 'notice', code }) as Notice),
    { type: 'notice', code: 'role-name-problem', problem: 'duplicate' },
    { type: 'notice', code: 'refused', reason: 'client-staff' },
  ];

  it.each(['en', 'fr'])('are all in the person’s language (%s)', (lang) => {
    const t = translatorFor(lang);
    for (const notice of notices) {
      const block = describeNotice(notice, t);
      expect(block.kind === 'text' && block.text, JSON.stringify(notice)).toMatch(/^[A-ZÀ-Ü]/);
    }
    for (const step of STEP_IDS) {
      const help = helpFor(step, t).map((b) => (b.kind === 'text' ? b.text : ''));
      expect(help.join(' '), step).not.toMatch(/steps\./);
      expect((notUnderstood(step, t) as { text: string }).text, step).not.toMatch(/steps\./);
    }
    expect(describeNotice({ type: 'notice', code: 'role-name-problem', problem: 'too-long' }, translatorFor('en'))).toEqual({
      kind: 'text', text: 'That name is too long: 50 characters at most, please.', tone: 'warning',
    });
  });
});
