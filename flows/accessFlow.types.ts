import type {
  AccessChange, BatchResult, CommitResult, GrantView, ImportKind, ImportProblem, ImportSummary, InvitationResult, LanguageCode, MemberImportResult, Person, ProductCode, RefusalReason, RoleNameProblem, TeamMember, TeamRoster, UploadResult,
} from './ports.ts';

/** Bumped whenever a change to the machine makes older snapshots unsafe to resume. */
export const FLOW_VERSION = 1;

export type Mode = 'add' | 'edit' | 'remove';
export type Field = 'company' | 'person' | 'product' | 'role' | 'language';

export interface RoleDraft {
  name: string;
  baseRoleId: string | null;
  permissions: string[];
}

export interface FlowInput {
  practiceId: string;
  actorId: string;
}

export interface FlowContext extends FlowInput {
  mode: Mode | null;
  companyMatches: string[];
  companyId: string | null;
  /** Colleagues offered at the person step (search results when adding, holders when editing). */
  personMatches: string[];
  /** An e-mail typed at the person step that is nobody in the practice yet. */
  pendingEmail: string | null;
  person: Person | null;
  product: ProductCode | null;
  roleId: string | null;
  previewRoleId: string | null;
  draft: RoleDraft | null;
  language: LanguageCode | null;
  /** The grant as it stood when it was picked for editing or removal; its version is the change's base. */
  current: GrantView | null;
  /** Rule 3: add Client Management Basic with the grant (offered on the summary, on by default). */
  addCmBasic: boolean;
  /** Client Management Basic went with the confirmed change (rule 3), to say so once it is done. */
  cmBasicIncluded: boolean;
  /** A field being changed from the summary: once answered, the flow comes straight back. */
  editing: Field | null;
  result: CommitResult | null;
  /** Who has access to the company is what was asked (shown once the company is known). */
  listing: boolean;
  /**
   * Filled from a typed request: what it left out but can be defaulted is not asked (a colleague's
   * stored language, else this one: the conversation's), and parts it left open are offered as choices.
   */
  requested: { language: LanguageCode; keepRole?: boolean } | null;
  /** Several changes confirmed together (copy, a leaver, several companies, undo). */
  batch: BatchPlan | null;
  batchResult: BatchResult | null;
  /** A read-only view under way (a colleague's access, a history), with its page; null otherwise. */
  view: ViewState | null;
  /** Members of the team being imported as colleagues; null otherwise (absent from snapshots made before it). */
  teamImport?: TeamImport | null;
  /** A spreadsheet sent to import, under way; null otherwise. */
  upload: UploadState | null;
}

/** Importing the members of the Teams team or group chat: who is new, who is picked, with which role. */
export interface TeamImport {
  /** The language of the conversation: a member's preferred language when Teams gives none. */
  language: LanguageCode;
  /** Members of the team the practice did not know when they were listed, in Teams' order. */
  candidates: TeamMember[];
  /** Teams listed more members than were read. */
  capped: boolean;
  /** Object ids of the candidates picked. */
  picked: string[];
  /** The Client Management role they are added with. */
  roleId: string | null;
  /** One preferred language for everyone picked, when chosen; else each member's own or `language`. */
  chosenLanguage: LanguageCode | null;
  /** The page of candidates shown, from 0. */
  page: number;
  /** Why there is nobody to pick: not in a team, Teams unreachable, or everyone already known. */
  problem: 'personal' | 'unreachable' | 'everyone-known' | null;
  result: MemberImportResult | null;
}

/**
 * A spreadsheet sent to import. Its rows are not here: src/ keeps them behind the ports, by `fileId`
 * (their digest), in a bounded cache, so a 10,000-row file never goes into each turn's stored snapshot;
 * the flow keeps the id, the name, and the preview's counts and first refusals, which the card shows.
 */
export interface UploadState {
  fileId: string;
  /** The file's name as sent (cut short by src/). */
  name: string;
  /** Client companies or colleagues; null while that is still to be asked. */
  kind: ImportKind | null;
  /** What importing would do, made when the kind was known. */
  preview: ImportSummary | null;
  /** Why the file cannot be imported as asked (gone, a missing column…). */
  problem: ImportProblem | null;
  /** What the import did, once written. */
  imported: ImportSummary | null;
}

/** A file sent in the chat, read by src/ (it never reaches the flow when it could not be read). */
export interface SentFile {
  /** '' when src/ did not read it: the sender may not manage access, so it never fetched it. */
  id: string;
  name: string;
  /** What its header says it holds; null when it cannot tell. */
  kind: ImportKind | null;
}

/** Several changes asked for at once (a typed request): what to do; the flow plans the changes. */
export type BatchSpec =
  /** One role for one person at several companies; `companyMatches` is a company still to choose. */
  | { kind: 'several'; companyIds: string[]; companyMatches: string[]; person: Person; product: ProductCode; roleId: string; language?: LanguageCode }
  /** The same access as another colleague has. */
  | { kind: 'copy'; from: string; person: Person }
  /** A leaver: every access but the Business Owner's own (rule 2). */
  | { kind: 'removeAll'; colleagueId: string }
  /** Take back one's own last change. */
  | { kind: 'undo' };

/** The changes planned for a batch, and why there are none when there are none. */
export interface BatchPlan {
  spec: BatchSpec;
  changes: AccessChange[];
  problem: 'nothing-to-do' | 'nothing' | 'too-late' | 'changed-since' | null;
}


/** The views: everything one colleague has access to, the audit history, the pending invitations. */
export type ViewKind = 'personAccess' | 'history' | 'invitations';

/** What a typed request for a view names, as ids (src/conversation reads the sentence). */
export interface ViewRequest {
  kind: ViewKind;
  /** The colleague whose access, or whose history (changes about them and made by them). */
  colleagueId?: string;
  /** The company whose history. */
  companyId?: string;
  /** Companies the sentence could mean: asked before the history is shown. */
  companyMatches?: string[];
  /** Colleagues the sentence could mean: asked before the view is shown. */
  personMatches?: string[];
  /** History since this ISO date. */
  since?: string;
}

export interface ViewState {
  kind: ViewKind;
  colleagueId: string | null;
  companyId: string | null;
  companyMatches: string[];
  personMatches: string[];
  since: string | null;
  /** From 0. */
  page: number;
  /** The invitation being resent or cancelled (the invitations view). */
  invitationId?: string | null;
}

/** What a typed request names, as ids and codes (src/conversation reads the sentence). */
export interface FlowRequest {
  mode: Mode | 'list' | null;
  companyId?: string;
  /** Companies the sentence could mean: the one question asked. */
  companyMatches?: string[];
  person?: Person;
  personMatches?: string[];
  product?: ProductCode;
  roleId?: string;
  language?: LanguageCode;
  /** The language of the conversation: a new person's preferred language unless the sentence says. */
  conversationLanguage: LanguageCode;
}

export type FlowEvent =
  | { type: 'START'; mode?: Mode | 'list' }
  | { type: 'REQUEST'; request: FlowRequest }
  | { type: 'BATCH'; spec: BatchSpec; conversationLanguage: LanguageCode }
  | { type: 'TEXT'; text: string }
  | { type: 'PICK_COMPANY'; companyId: string }
  | { type: 'PICK_ACTION'; action: Mode | 'list' }
  | { type: 'PICK_PERSON'; colleagueId: string }
  | { type: 'INVITE' }
  | { type: 'CLIENT_STAFF' }
  | { type: 'PICK_PRODUCT'; product: ProductCode }
  | { type: 'EDIT_INSTEAD' }
  | { type: 'PICK_ROLE'; roleId: string }
  | { type: 'SHOW_ROLE'; roleId: string }
  | { type: 'ACCEPT_ROLE' }
  | { type: 'CREATE_ROLE' }
  | { type: 'PICK_BASE'; roleId: string | null }
  | { type: 'TOGGLE_PERMISSION'; permission: string }
  | { type: 'SET_PERMISSIONS'; permissions: string[] }
  | { type: 'PERMISSIONS_DONE' }
  | { type: 'SAVE_ROLE' }
  | { type: 'PICK_LANGUAGE'; language: LanguageCode }
  | { type: 'SET_CM_BASIC'; value: boolean }
  | { type: 'CHANGE'; field: Field }
  | { type: 'CONFIRM' }
  | { type: 'RETRY' }
  | { type: 'ANOTHER' }
  | { type: 'BACK' }
  | { type: 'CANCEL' }
  | { type: 'START_OVER' }
  | { type: 'VIEW'; view: ViewRequest }
  | { type: 'NEXT_PAGE' }
  | { type: 'PREVIOUS_PAGE' }
  | { type: 'RESEND_INVITATION'; invitationId: string }
  | { type: 'CANCEL_INVITATION'; invitationId: string }
  /** Import colleagues from the team: the flow then waits for TEAM_ROSTER (tagged `asksTeam`). */
  | { type: 'IMPORT_TEAM'; conversationLanguage: LanguageCode }
  /** The team's members as Teams gave them, sent by src/conversation when the flow asks (never from a card). */
  | { type: 'TEAM_ROSTER'; roster: TeamRoster }
  /** The members ticked on the page shown (the others of that page are unticked). */
  | { type: 'SET_MEMBERS'; memberIds: string[] }
  | { type: 'MEMBERS_DONE' }
  | { type: 'FILE'; file: SentFile }
  | { type: 'PICK_KIND'; kind: ImportKind }
  | { type: 'IMPORT'; fileId: string }
  | WriteOutcome;

/** Sent by the machine's own write actions when a write ends; never accepted from a person. */
export type WriteOutcome =
  | { type: 'COMMITTED'; result: CommitResult }
  | { type: 'COMMIT_FAILED'; error: string }
  | { type: 'BATCH_COMMITTED'; result: BatchResult }
  | { type: 'BATCH_FAILED'; error: string }
  | { type: 'ROLE_SAVED'; roleId: string }
  | { type: 'ROLE_REJECTED'; error: string }
  | { type: 'INVITATION_WRITTEN'; result: InvitationResult }
  | { type: 'INVITATION_FAILED'; error: string }
  | { type: 'TEAM_IMPORTED'; result: MemberImportResult }
  | { type: 'TEAM_IMPORT_FAILED'; error: string }
  | { type: 'IMPORTED'; result: UploadResult }
  | { type: 'IMPORT_FAILED'; error: string };

/** Said once, beside the step it happened on; never stored in the snapshot. */
export type Notice =
  | { type: 'notice'; code: NoticeCode }
  | { type: 'notice'; code: 'role-name-problem'; problem: RoleNameProblem }
  | { type: 'notice'; code: 'refused'; reason: RefusalReason };

export type NoticeCode =
  | 'no-company-match'
  | 'no-person-match'
  | 'not-offered'
  | 'protected-owner'
  | 'no-custom-roles'
  | 'no-permission'
  | 'role-created'
  | 'role-rejected'
  | 'cannot-change'
  | 'cancelled'
  | 'nothing-to-cancel'
  | 'save-failed'
  | 'invitation-resent'
  | 'invitation-cancelled'
  | 'invitation-not-pending'
  | 'no-member-picked'
  | 'no-member-match';
