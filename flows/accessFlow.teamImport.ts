import { assign } from 'xstate';
import { CLIENT_MANAGEMENT, LANGUAGES, type AccessPorts, type LanguageCode, type MemberImport, type TeamMember } from './ports.ts';
import type { FlowContext, FlowEvent, TeamImport } from './accessFlow.types.ts';

// Importing the members of a Teams team or group chat as colleagues: who is new (the store says), who is
// picked (ticked a page at a time, or named), with which Client Management role and language, then one
// write. Shared with the cards, so a page shown is a page accepted.
//
// The members come as event data (TEAM_ROSTER), not through a port: asking Teams needs the turn's own
// connection to Teams, which src/bot holds for the length of one turn, while the ports are the practice's
// data, shared by every conversation. The flow says when it needs them (the state tagged `asksTeam`).

/** Members on one page of the pick: a card Teams draws whole. */
export const MEMBERS_PER_PAGE = 10;

type Args = { context: FlowContext; event: FlowEvent };
type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;
type Sender = { self: { send: (event: FlowEvent) => void } };

const EMPTY_IMPORT: Omit<TeamImport, 'language'> = {
  candidates: [], capped: false, picked: [], roleId: null, chosenLanguage: null, page: 0, problem: null, result: null,
};

export function memberPages(teamImport: TeamImport): number {
  return Math.max(1, Math.ceil(teamImport.candidates.length / MEMBERS_PER_PAGE));
}

/** The candidates on the page shown. */
export function membersOnPage(teamImport: TeamImport): TeamMember[] {
  return teamImport.candidates.slice(teamImport.page * MEMBERS_PER_PAGE, (teamImport.page + 1) * MEMBERS_PER_PAGE);
}

/** The candidates picked, in Teams' order. */
export function pickedMembers(teamImport: TeamImport): TeamMember[] {
  const picked = new Set(teamImport.picked);
  return teamImport.candidates.filter((member) => picked.has(member.aadObjectId));
}

/** A member's preferred language: the one chosen for everyone, else their own (their Teams locale), else the conversation's. */
export function memberLanguage(teamImport: TeamImport, member: TeamMember): LanguageCode {
  return teamImport.chosenLanguage ?? member.language ?? teamImport.language;
}

/** The Client Management roles a member can be added with (never the Business Owner's: rule 2). */
export function importRoles(ports: Pick<AccessPorts, 'assignableRoles'>, context: FlowContext): string[] {
  return ports.assignableRoles(context.practiceId, CLIENT_MANAGEMENT);
}

const fold = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}@.+_-]+/gu, ' ').trim();

/**
 * The candidates a typed text names, one per part ("Inès Caron, Paul and Zoé"): a whole name, an e-mail, or
 * words found in one name only (a first name no other candidate shares). Accents and case aside.
 */
export function membersNamed(candidates: TeamMember[], text: string): string[] {
  const named = new Set<string>();
  for (const part of text.split(/[,;&]|\s+(?:and|et)\s+/i).map(fold).filter(Boolean)) {
    const words = part.split(' ');
    const exact = candidates.filter((m) => [m.name, m.email, m.userPrincipalName ?? ''].map(fold).includes(part));
    const within = candidates.filter((m) => {
      const name = fold(m.name).split(' ');
      return words.every((word) => name.includes(word));
    });
    const found = exact.length ? exact : within.length === 1 ? within : [];
    for (const member of found) named.add(member.aadObjectId);
  }
  return candidates.filter((m) => named.has(m.aadObjectId)).map((m) => m.aadObjectId);
}

const isLanguage = (value: unknown): value is LanguageCode => (LANGUAGES as readonly unknown[]).includes(value);

export function createTeamImportGuards(ports: AccessPorts) {
  return {
    isImportRequest: ({ event }: Args) => isLanguage((event as Of<'IMPORT_TEAM'>).conversationLanguage),
    nobodyToImport: ({ context }: Args) => !!context.teamImport?.problem,
    membersOnPage: ({ context, event }: Args) => {
      const ids = (event as Of<'SET_MEMBERS'>).memberIds;
      const page = new Set(context.teamImport ? membersOnPage(context.teamImport).map((m) => m.aadObjectId) : []);
      return Array.isArray(ids) && ids.every((id) => page.has(id));
    },
    namesMembers: ({ context, event }: Args) => membersNamed(context.teamImport?.candidates ?? [], (event as Of<'TEXT'>).text).length > 0,
    hasNextMembers: ({ context }: Args) => !!context.teamImport && context.teamImport.page + 1 < memberPages(context.teamImport),
    hasPreviousMembers: ({ context }: Args) => (context.teamImport?.page ?? 0) > 0,
    somePicked: ({ context }: Args) => (context.teamImport?.picked.length ?? 0) > 0,
    importRoleOffered: ({ context, event }: Args) => importRoles(ports, context).includes((event as Of<'PICK_ROLE'>).roleId),
    importLanguageOffered: ({ event }: Args) => isLanguage((event as Of<'PICK_LANGUAGE'>).language),
    changesImportRole: ({ event }: Args) => (event as Of<'CHANGE'>).field === 'role',
    changesImportLanguage: ({ event }: Args) => (event as Of<'CHANGE'>).field === 'language',
    teamImported: ({ event }: Args) => (event as Of<'TEAM_IMPORTED'>).result.status === 'done',
    teamImportNotAllowed: ({ event }: Args) => (event as Of<'TEAM_IMPORTED'>).result.status === 'refused',
  };
}

const setImport = (change: (teamImport: TeamImport, event: FlowEvent, context: FlowContext) => Partial<TeamImport>) =>
  assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context, event }) => ({
    teamImport: { ...context.teamImport!, ...change(context.teamImport!, event, context) },
  }));

/** Who is still new, against the practice as it is now; the picks and the page kept within them. */
function planned(ports: AccessPorts, context: FlowContext, members: TeamMember[]): Partial<TeamImport> {
  const candidates = ports.newTeamMembers(context.practiceId, members);
  const still = new Set(candidates.map((m) => m.aadObjectId));
  const page = Math.min(context.teamImport?.page ?? 0, Math.max(0, Math.ceil(candidates.length / MEMBERS_PER_PAGE) - 1));
  return {
    candidates,
    picked: (context.teamImport?.picked ?? []).filter((id) => still.has(id)),
    page,
    problem: candidates.length ? null : 'everyone-known',
    result: null,
  };
}

function toImport(context: FlowContext): MemberImport {
  const teamImport = context.teamImport!;
  return {
    practiceId: context.practiceId,
    actorId: context.actorId,
    members: pickedMembers(teamImport).map((member) => ({ member, practiceRole: teamImport.roleId!, language: memberLanguage(teamImport, member) })),
  };
}

export function createTeamImportActions(ports: AccessPorts) {
  return {
    takeImport: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ event }) => ({
      teamImport: { ...EMPTY_IMPORT, language: (event as Of<'IMPORT_TEAM'>).conversationLanguage },
    })),
    takeRoster: setImport((_, event, context) => {
      const roster = (event as Of<'TEAM_ROSTER'>).roster;
      if (roster?.status !== 'members') return { problem: roster?.status === 'personal' ? 'personal' : 'unreachable' };
      return { ...planned(ports, context, Array.isArray(roster.members) ? roster.members : []), capped: !!roster.capped };
    }),
    replanImport: setImport((teamImport, _, context) => planned(ports, context, teamImport.candidates)),
    setMembers: setImport((teamImport, event) => {
      const page = new Set(membersOnPage(teamImport).map((m) => m.aadObjectId));
      const ticked = new Set([...teamImport.picked.filter((id) => !page.has(id)), ...(event as Of<'SET_MEMBERS'>).memberIds]);
      return { picked: teamImport.candidates.map((m) => m.aadObjectId).filter((id) => ticked.has(id)) };
    }),
    pickNamed: setImport((teamImport, event) => {
      const ticked = new Set([...teamImport.picked, ...membersNamed(teamImport.candidates, (event as Of<'TEXT'>).text)]);
      return { picked: teamImport.candidates.map((m) => m.aadObjectId).filter((id) => ticked.has(id)) };
    }),
    nextMembers: setImport((teamImport) => ({ page: teamImport.page + 1 })),
    previousMembers: setImport((teamImport) => ({ page: teamImport.page - 1 })),
    pickImportRole: setImport((_, event) => ({ roleId: (event as Of<'PICK_ROLE'>).roleId })),
    pickImportLanguage: setImport((_, event) => ({ chosenLanguage: (event as Of<'PICK_LANGUAGE'>).language })),
    keepImportResult: setImport((_, event) => ({ result: (event as Of<'TEAM_IMPORTED'>).result })),
    // The write reports back with an event, as the others do (flows/accessFlow.setup.ts).
    importMembers: ({ context, self }: Args & Sender) => {
      ports.importTeamMembers(toImport(context)).then(
        (result) => self.send({ type: 'TEAM_IMPORTED', result }),
        (error: unknown) => self.send({ type: 'TEAM_IMPORT_FAILED', error: String(error) }),
      );
    },
  };
}
