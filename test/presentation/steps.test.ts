// Every step, reached by a live flow over the real repository, drawn in both languages: the cards
// are valid Adaptive Cards 1.5, and every button sends something the machine takes at that step.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import type { AccessChange, AccessPorts } from '../../flows/ports.ts';
import { BUTTON_TITLE_MAX, toAdaptiveCard } from '../../src/presentation/adaptiveCard.ts';
import { describeStep, STEP_IDS, type StepId } from '../../src/presentation/describeStep.ts';
import { translatorFor } from '../../src/presentation/i18n.ts';
import { toPlainText } from '../../src/presentation/plainText.ts';
import type { Prompt } from '../../src/presentation/prompt.ts';
import type { AccessRepository } from '../../src/repository/accessRepository.ts';
import { toggleEvent } from '../../src/presentation/prompt.ts';
import { demoTeam, newMember } from '../support/demoTeam.ts';
import { readCsv, type CsvTable } from '../../src/import/readCsv.ts';
import { fileIdOf } from '../../src/import/uploadedFiles.ts';
import { cardProblems, demoRepository, run, tryEvent, withOverrides, type Reached } from './support.ts';
import { actionNames, buttonTitles, contrastOf, sharedActionNames, TEXT_CONTRAST, textLooks } from './teamsLook.ts';

const ADMIN = 'demo-admin';
const E = {
  add: { type: 'START', mode: 'add' } as FlowEvent,
  text: (text: string): FlowEvent => ({ type: 'TEXT', text }),
};
const atCompany = [E.add, E.text('Dupont Frères')];
const invited = [...atCompany, E.text('elodie.roux@cabinet-martin.fr'), { type: 'INVITE' } as FlowEvent];
const atRoles = [...invited, { type: 'PICK_PRODUCT', product: 'autoentry' } as FlowEvent];
const toBuilder = [...atRoles, { type: 'CREATE_ROLE' } as FlowEvent, E.text('Achats seulement')];
const atConfirm = [...atRoles, { type: 'PICK_ROLE', roleId: 'autoentry.documents-standard' }, { type: 'PICK_LANGUAGE', language: 'fr-FR' }] as FlowEvent[];
// Edit and remove go through the action step, which lists the people with access to the company.
const toHolders = [{ type: 'START' }, E.text('Dupont Frères'), { type: 'PICK_ACTION', action: 'edit' }] as FlowEvent[];
const editSophie = [
  ...toHolders, { type: 'PICK_PERSON', colleagueId: 'demo-standard' }, { type: 'PICK_PRODUCT', product: 'autoentry' },
  { type: 'PICK_ROLE', roleId: 'autoentry.documents-basic' }, { type: 'PICK_LANGUAGE', language: 'fr-FR' }, { type: 'CONFIRM' },
] as FlowEvent[];

/** Someone else changes Sophie's role to Files admin just before this change is written. */
function racing(repo: AccessRepository): AccessPorts {
  return withOverrides(repo, {
    commit: async (change: AccessChange) => {
      const theirs = repo.grantOf('demo', change.companyId, 'demo-standard', 'autoentry');
      await repo.commit({ ...change, actorId: 'demo-owner', roleId: 'autoentry.files-admin', baseVersion: theirs?.version ?? null });
      return repo.commit(change);
    },
  });
}

/** Several changes at once: Julien's access copied to Camille, and one role at several companies. */
const copyJulien: FlowEvent = { type: 'BATCH', spec: { kind: 'copy', from: 'demo-admin', person: { kind: 'colleague', colleagueId: 'demo-basic' } }, conversationLanguage: 'en-GB' };
function severalAt(companyIds: string[], companyMatches: string[]): FlowEvent {
  const person = { kind: 'colleague' as const, colleagueId: 'demo-standard' };
  return { type: 'BATCH', spec: { kind: 'several', companyIds, companyMatches, person, product: 'autoentry', roleId: 'autoentry.documents-basic' }, conversationLanguage: 'en-GB' };
}

/** Importing colleagues from the team: twelve members the practice does not know (two pages), two of them ticked. */
const fromTeam = [
  { type: 'IMPORT_TEAM', conversationLanguage: 'fr-FR' },
  { type: 'TEAM_ROSTER', roster: demoTeam(12) },
  { type: 'SET_MEMBERS', memberIds: [newMember(1).aadObjectId, newMember(2).aadObjectId] },
] as FlowEvent[];
const importConfirm = [...fromTeam, { type: 'MEMBERS_DONE' }, { type: 'PICK_ROLE', roleId: 'client-management.standard' }] as FlowEvent[];
/** A client companies spreadsheet sent in the chat (BOM, commas, refused rows), kept by the repository as the conversation keeps it. */
const CLIENTS = readFileSync(new URL('../fixtures/import/companies-utf8-bom-commas.csv', import.meta.url));
const sent = (kind: 'companies' | null): FlowEvent => ({ type: 'FILE', file: { id: fileIdOf(CLIENTS), name: 'clients.csv', kind } });
function withClients(repo: AccessRepository): AccessPorts {
  repo.keepUpload('demo', CLIENTS, (readCsv(CLIENTS) as { table: CsvTable }).table);
  return repo;
}

interface Scenario { actor?: string; events: FlowEvent[]; ports?: (repo: AccessRepository) => AccessPorts; typed?: string }
const SCENARIOS: Record<StepId, Scenario> = {
  idle: { events: [] },
  notAllowed: { actor: 'demo-standard', events: [E.add] },
  'company.search': { events: [E.add], typed: 'Café' },
  'company.choose': { events: [E.add, E.text('dupont')], typed: 'Garage' },
  'action.choose': { events: [{ type: 'START' }, E.text('Dupont Frères')] },
  'action.list': { events: [{ type: 'START' }, E.text('Dupont Frères'), { type: 'PICK_ACTION', action: 'list' }] },
  'person.search': { events: atCompany, typed: 'Camille' },
  'person.choose': { events: toHolders },
  'person.invite': { events: [...atCompany, E.text('elodie.roux@cabinet-martin.fr')], typed: 'Camille' },
  clientStaff: { events: [...atCompany, E.text('paul@dupont-freres.fr')] },
  product: { events: invited },
  existingGrant: { events: [...atCompany, E.text('sophie.bernard@cabinet-martin.fr'), { type: 'PICK_PRODUCT', product: 'autoentry' }] },
  'role.choose': { events: atRoles },
  'role.preview': { events: [...atRoles, { type: 'SHOW_ROLE', roleId: 'autoentry.documents-standard' }] },
  'role.builder.name': { events: [...atRoles, { type: 'CREATE_ROLE' }], typed: 'Achats seulement' },
  'role.builder.base': { events: toBuilder },
  'role.builder.permissions': { events: [...toBuilder, { type: 'PICK_BASE', roleId: 'autoentry.documents-basic' }] },
  'role.builder.review': {
    events: [...toBuilder, { type: 'PICK_BASE', roleId: null }, { type: 'SET_PERMISSIONS', permissions: ['purchases.view', 'files.move'] }],
  },
  language: { events: atConfirm.slice(0, -1) },
  confirm: { events: atConfirm },
  done: { events: [...atConfirm, { type: 'CONFIRM' }] },
  conflict: { events: editSophie, ports: racing },
  refused: { events: [...atConfirm, { type: 'CONFIRM' }], ports: (repo) => withOverrides(repo, { commit: async () => ({ status: 'refused', reason: 'unknown-person' }) }) },
  'batch.choose': { events: [severalAt(['co-cafe-etoile'], ['co-boulangerie-dupont', 'co-dupont-freres'])] },
  'batch.confirm': { events: [copyJulien] },
  'batch.done': { events: [copyJulien, { type: 'CONFIRM' }] },
  'batch.failed': {
    events: [copyJulien, { type: 'CONFIRM' }],
    ports: (repo) => withOverrides(repo, { commitAll: async () => ({ status: 'conflict', index: 0, current: null }) }),
  },
  'batch.nothing': { events: [{ type: 'BATCH', spec: { kind: 'undo' }, conversationLanguage: 'en-GB' }] },
  'view.choose': { events: [{ type: 'VIEW', view: { kind: 'history', companyMatches: ['co-boulangerie-dupont', 'co-dupont-freres'] } }] },
  // The Business Owner has a role on 14 companies: two pages.
  'view.personAccess': { events: [{ type: 'VIEW', view: { kind: 'personAccess', colleagueId: 'demo-owner' } }, { type: 'NEXT_PAGE' }] },
  'view.history': { events: [...editSophie, { type: 'VIEW', view: { kind: 'history', colleagueId: 'demo-standard' } }] },
  // Lucas Girard's invitation (demo data) beside Élodie's, made here, one of them resent.
  'view.invitations': { events: [...invited, { type: 'PICK_PRODUCT', product: 'autoentry' }, { type: 'PICK_ROLE', roleId: 'autoentry.files-basic' }, { type: 'PICK_LANGUAGE', language: 'fr-FR' }, { type: 'CONFIRM' }, { type: 'VIEW', view: { kind: 'invitations' } }, { type: 'RESEND_INVITATION', invitationId: 'inv-demo-lucas' }] as FlowEvent[] },
  'view.cancelInvitation': { events: [{ type: 'VIEW', view: { kind: 'invitations' } }, { type: 'CANCEL_INVITATION', invitationId: 'inv-demo-lucas' }] },
  'importTeam.none': { events: [fromTeam[0], { type: 'TEAM_ROSTER', roster: { status: 'unreachable' } }] },
  'importTeam.pick': { events: fromTeam },
  'importTeam.role': { events: [...fromTeam, { type: 'MEMBERS_DONE' }] },
  'importTeam.language': { events: [...importConfirm, { type: 'CHANGE', field: 'language' }] },
  'importTeam.confirm': { events: importConfirm },
  'importTeam.done': { events: [...importConfirm, { type: 'CONFIRM' }] },
  // Someone else added the first of them meanwhile.
  'importTeam.changed': {
    events: [...importConfirm, { type: 'CONFIRM' }],
    ports: (repo) => withOverrides(repo, { importTeamMembers: async () => ({ status: 'changed', known: [newMember(1).aadObjectId] }) }),
  },
  'import.kind': { events: [sent(null)], ports: withClients },
  'import.preview': { events: [sent('companies')], ports: withClients },
  'import.done': { events: [sent('companies'), { type: 'IMPORT', fileId: fileIdOf(CLIENTS) }], ports: withClients },
  // Read as colleagues, the companies file lacks their e-mail column.
  'import.unusable': { events: [sent(null), { type: 'PICK_KIND', kind: 'colleagues' }], ports: withClients },
};

const STAMP = { v: 1, seq: 7, step: 'x', for: 'aad-1' };
const KEY_LIKE = /^[a-zA-Z-]+(\.[a-zA-Z-]+)+$/;

function visibleStrings(p: Prompt): string[] {
  const blocks = p.body.flatMap((b) =>
    b.kind === 'text' ? [b.text] : b.kind === 'facts' ? b.facts.flatMap((f) => [f.title, f.value]) : b.groups.flatMap((g) => [g.title, ...g.items.map((i) => i.label)]),
  );
  const choices = [...p.choices, ...p.actions].flatMap((c) => [c.label, ...(c.detail ? [c.detail] : []), ...(c.aside ? [c.aside.label] : [])]);
  const toggles = p.toggles ? [p.toggles.submitLabel, ...p.toggles.groups.flatMap((g) => [g.title, ...g.items.map((i) => i.label)])] : [];
  const input = p.input ? [p.input.placeholder, p.input.submitLabel] : [];
  return [p.title, p.hint ?? '', ...blocks, ...choices, ...toggles, ...input];
}

function cardSubmits(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => cardSubmits(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit') out.push(o.data as Record<string, unknown>);
    Object.values(o).forEach((v) => cardSubmits(v, out));
  }
  return out;
}

const eventsOf = (p: Prompt): FlowEvent[] => [...p.choices, ...p.actions].flatMap((c) => (c.aside ? [c.event, c.aside.event] : [c.event]));

describe.each(STEP_IDS.map((step) => [step] as const))('step %s', (step) => {
  const scenario = SCENARIOS[step];
  const actor = scenario.actor ?? ADMIN;
  let repo: AccessRepository;
  let reached: Reached;
  const prompts: Record<'en' | 'fr', Prompt> = {} as never;

  beforeAll(async () => {
    repo = demoRepository();
    reached = await run(scenario.ports ? scenario.ports(repo) : repo, actor, scenario.events);
    for (const lang of ['en', 'fr'] as const) {
      prompts[lang] = describeStep({ step, context: reached.context, lookups: repo, t: translatorFor(lang), firstName: 'Julien' });
    }
  });

  it('is reached by the flow', () => {
    expect(reached.step).toBe(step);
  });

  it.each(['en', 'fr'] as const)('is fully translated (%s)', (lang) => {
    for (const s of visibleStrings(prompts[lang])) {
      expect(s.trim(), JSON.stringify(s)).not.toBe('');
      expect(s).not.toMatch(KEY_LIKE);
      expect(s).not.toContain('{{');
    }
  });

  it.each(['en', 'fr'] as const)('draws a valid Adaptive Card 1.5 (%s)', (lang) => {
    const card = toAdaptiveCard(prompts[lang], STAMP) as Record<string, unknown>;
    expect(card.version).toBe('1.5');
    expect(card.$schema).toMatch(/adaptive-card\.json$/);
    expect(cardProblems(card)).toEqual([]);
    const offered = eventsOf(prompts[lang]).map((e) => JSON.stringify(e));
    for (const data of cardSubmits(card)) {
      expect(data).toMatchObject(STAMP);
      if (!data.textInput && !data.toggleSet) expect(offered).toContain(JSON.stringify(data.event));
    }
  });

  it.each(['en', 'fr'] as const)('draws no button title Teams would clip, and text readable in its light theme (%s)', (lang) => {
    const card = toAdaptiveCard(prompts[lang], STAMP);
    for (const title of buttonTitles(card)) expect([...title].length, title).toBeLessThanOrEqual(BUTTON_TITLE_MAX);
    const looks = textLooks(card);
    expect(looks.length).toBeGreaterThan(0);
    for (const look of looks) expect(contrastOf(look), JSON.stringify(look)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it.each(['en', 'fr'] as const)('names every action of its card differently, for screen readers (%s)', (lang) => {
    const card = toAdaptiveCard(prompts[lang], STAMP);
    expect(actionNames(card).every((name) => name.trim() !== '')).toBe(true);
    expect(sharedActionNames(card)).toEqual([]);
  });

  it('offers the same events in both languages', () => {
    expect(eventsOf(prompts.fr)).toEqual(eventsOf(prompts.en));
  });

  it('offers only what the machine takes at this step', async () => {
    const events = eventsOf(prompts.en);
    const set = prompts.en.toggles;
    if (set) {
      // The permissions on (the builder goes on); for members, the whole page ticked (the picks change); then what the submit sends next.
      const values = set.groups.flatMap((g) => g.items.filter((i) => set.eventType === 'SET_MEMBERS' || i.on).map((i) => i.value));
      events.push(toggleEvent(set, values), ...(set.then ? [set.then] : []));
    }
    if (scenario.typed) events.push(E.text(scenario.typed));
    expect(!!prompts.en.input).toBe(!!scenario.typed);
    for (const event of events) {
      const outcome = await tryEvent(repo, reached, actor, event);
      expect({ event, ...outcome }).toEqual({ event, moved: true, refused: [] });
    }
  });

  it('numbers the choices in plain text', () => {
    const { text, suggestedActions } = toPlainText(prompts.fr);
    prompts.fr.choices.forEach((choice, i) => {
      expect(text).toContain(`\n${i + 1}. ${choice.label}`);
      expect(suggestedActions[i]).toEqual({ title: choice.label, value: String(i + 1) });
    });
    expect(text.startsWith(prompts.fr.title)).toBe(true);
  });
});
