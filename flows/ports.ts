// What the access flow needs from the practice's data. `src/` implements it over the store;
// the flow never sees how. Reads are synchronous (the store is held in memory); writes are async.

export const PRODUCTS = ['autoentry', 'client-management', 'goproposal', 'futrli'] as const;
export type ProductCode = (typeof PRODUCTS)[number];

export const LANGUAGES = ['en-GB', 'en-US', 'en-CA', 'fr-FR', 'fr-CA'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

/** The product whose role makes the others visible (domain rule 3). */
export const CLIENT_MANAGEMENT: ProductCode = 'client-management';
/** Role offered with a product grant when the person has no Client Management role (rule 3). */
export const CLIENT_MANAGEMENT_BASIC = 'client-management.basic';

/** Who the audit names for changes made by the operator's practice command, which no colleague makes. */
export const OPERATOR = 'operator';

/** The person a change is about: a colleague of the practice, or someone new invited by e-mail. */
export type Person =
  | { kind: 'colleague'; colleagueId: string }
  | { kind: 'invitee'; email: string };

export interface GrantView {
  product: ProductCode;
  roleId: string;
  language: LanguageCode;
  version: number;
}

export interface AccessRow {
  colleagueId: string;
  grants: GrantView[];
}

export type RoleNameProblem = 'empty' | 'too-long' | 'duplicate';

export interface AccessChange {
  practiceId: string;
  actorId: string;
  companyId: string;
  person: Person;
  product: ProductCode;
  mode: 'add' | 'edit' | 'remove';
  /** The role to hold after the change (add / edit). */
  roleId?: string;
  language?: LanguageCode;
  /** Version of the grant the change was based on; null when no grant was there (add). */
  baseVersion: number | null;
  /** Rule 3: also give Client Management Basic on the company. */
  addClientManagementBasic: boolean;
}

export type CommitResult =
  | { status: 'done'; invitationId?: string }
  | { status: 'conflict'; current: GrantView | null }
  | { status: 'refused'; reason: RefusalReason };

export type RefusalReason =
  | 'not-allowed'
  | 'protected-owner'
  | 'unknown-company'
  | 'unknown-person'
  | 'unknown-role'
  | 'wrong-product'
  | 'product-not-subscribed'
  | 'client-staff'
  /** A card payload that no step offered (recorded, never acted on). */
  | 'forged-payload';

/** Several changes confirmed together: applied whole or not at all; `index` is the change that stopped them. */
export type BatchResult =
  | { status: 'done' }
  | { status: 'conflict'; index: number; current: GrantView | null }
  | { status: 'refused'; index: number; reason: RefusalReason };

/** A grant where it is held. */
export interface HeldGrant extends GrantView {
  companyId: string;
}

/**
 * Taking back one's own last change: the changes that restore what was there before, or why not
 * ("too-late" past 15 minutes, "changed-since" when someone has changed those grants since).
 */
export type UndoPlan =
  | { status: 'ready'; changes: AccessChange[] }
  | { status: 'nothing' | 'too-late' | 'changed-since' };
/** One company a colleague has access to, with their role per product (Client Management first). */
export interface CompanyAccess {
  companyId: string;
  grants: GrantView[];
}

/**
 * Which audit entries a chat history shows: a company's, or a colleague's (about them or made by them),
 * both when both are given, since a date when given.
 */
export interface HistoryFilter {
  companyId?: string;
  colleagueId?: string;
  /** ISO date: entries at or after it. */
  since?: string;
}

/** An audit entry as the history shows it (the store's own entry, copied). */
export interface HistoryEntry {
  id: string;
  at: string;
  actorId: string;
  action: string;
  companyId?: string;
  colleagueId?: string;
  product?: ProductCode;
  before: object | null;
  after: object | null;
  outcome: 'done' | 'refused';
  reason?: string;
}

export interface HistoryPage {
  /** How many entries match in all. */
  total: number;
  /** The page asked for, newest first. */
  entries: HistoryEntry[];
}

/** An invitation not yet accepted nor cancelled, with the access it gives the invited person. */
export interface PendingInvitation {
  id: string;
  email: string;
  colleagueId: string;
  invitedBy: string;
  createdAt: string;
  /** When it was last marked to be sent again, and how many times (the practice's suite sends it). */
  resentAt?: string;
  resendCount: number;
  grants: HeldGrant[];
  /** The Business Owner's own invitation: it can be sent again, never cancelled (rule 2). */
  protected: boolean;
}

/** Resend or cancel one invitation. */
export interface InvitationAction {
  practiceId: string;
  actorId: string;
  invitationId: string;
}

/** 'not-pending': accepted, cancelled or unknown by the time the write came. */
export type InvitationResult = { status: 'done' } | { status: 'refused'; reason: 'not-allowed' | 'not-pending' | 'protected-owner' };

/**
 * A member of the Teams team or group chat the request came from, as src/bot reads Teams' list (bots,
 * guests and anonymous members already left out). Whether the practice knows them is the store's to say.
 */
export interface TeamMember {
  aadObjectId: string;
  name: string;
  /** Their e-mail, else their user principal name: what they are added with. */
  email: string;
  /** Their user principal name when it is not their e-mail: a colleague holding it is them too. */
  userPrincipalName?: string;
  /** The Entra tenant Teams places them in; only the practice's own is imported. */
  tenantId?: string;
  /** Their preferred language, when Teams gives their locale. */
  language?: LanguageCode;
}

/** The most members of a team read from Teams (src/bot stops there, and the card says so). */
export const MEMBERS_READ_AT_MOST = 1_000;

/** What Teams said when asked for the conversation's members (asked only by src/bot). */
export type TeamRoster =
  /** The members read (`MEMBERS_READ_AT_MOST` at most); `capped` when Teams listed more. */
  | { status: 'members'; members: TeamMember[]; capped: boolean }
  /** A one-to-one chat, or a channel other than Teams: there is no team to import from. */
  | { status: 'personal' }
  /** Teams could not be asked (down, too slow, refused). */
  | { status: 'unreachable' };

/** Members of the team added as colleagues, already linked to their Teams account: one change. */
export interface MemberImport {
  practiceId: string;
  actorId: string;
  members: Array<{ member: TeamMember; practiceRole: string; language: LanguageCode }>;
}

export type MemberImportResult =
  | { status: 'done'; colleagueIds: string[] }
  | { status: 'refused'; reason: 'not-allowed' }
  /**
   * Someone picked is known by now (added or linked meanwhile, or their Teams account is another
   * colleague's), or is not of the practice's tenant: nobody was added. `known` are their object ids.
   */
  | { status: 'changed'; known: string[] };

/** What a spreadsheet sent in the chat holds: client companies, or colleagues. */
export type ImportKind = 'companies' | 'colleagues';

/** One row of a spreadsheet that would not be imported: its line, why (src/import's reason code), what was refused. */
export interface ImportRefusal {
  line: number;
  reason: string;
  value?: string;
  /** For a row that repeats another: the line of the first one. */
  firstLine?: number;
}

/** What importing a spreadsheet does (or did) to the practice: rows new, already there, refused (the first few of these). */
export interface ImportSummary {
  kind: ImportKind;
  fresh: number;
  existing: number;
  refused: number;
  /** The first refusals in file order (at most ten); `refused` counts them all. */
  refusals: ImportRefusal[];
}

/**
 * Why a spreadsheet cannot be imported as asked: 'gone' when src/ no longer holds it (a restart, or other
 * files pushed it out), else a problem with the file itself (src/import's codes: a missing column, too many rows).
 */
export interface ImportProblem {
  reason: string;
  column?: string;
  max?: number;
  line?: number;
}

export type UploadPreview = { status: 'ready'; summary: ImportSummary } | { status: 'unusable'; problem: ImportProblem };

/** Importing a spreadsheet sent in the chat, by its id (the digest src/ keeps its rows under). */
export interface UploadImport {
  practiceId: string;
  actorId: string;
  fileId: string;
  kind: ImportKind;
}

export type UploadResult =
  | { status: 'done'; summary: ImportSummary }
  | { status: 'refused'; reason: 'not-allowed' }
  | { status: 'unusable'; problem: ImportProblem };

export interface NewRole {
  practiceId: string;
  actorId: string;
  product: ProductCode;
  name: string;
  permissions: string[];
}

export interface AccessPorts {
  /** Rule 1: Business Owner or Administrator in Client Management. */
  canManageUsers(practiceId: string, colleagueId: string): boolean;
  /** Client companies matching what a person typed, best first (at most 8). */
  findCompanies(practiceId: string, query: string): string[];
  /** Active or invited colleagues matching a name or e-mail, best first (at most 8). */
  findColleagues(practiceId: string, query: string): string[];
  /** The colleague holding exactly this e-mail (case-insensitive), if any. */
  colleagueByEmail(practiceId: string, email: string): string | undefined;
  /** True when the e-mail belongs to the client company's own staff (its e-mail domain). */
  isClientStaffEmail(practiceId: string, companyId: string, email: string): boolean;
  /** Products the company subscribes to; Client Management always first. */
  companyProducts(practiceId: string, companyId: string): ProductCode[];
  /** Who has access to a company, with their role per product. */
  usersWithAccess(practiceId: string, companyId: string): AccessRow[];
  grantOf(practiceId: string, companyId: string, colleagueId: string, product: ProductCode): GrantView | undefined;
  colleagueLanguage(practiceId: string, colleagueId: string): LanguageCode;
  /** Roles a person may be given for a product: defaults then customs (never Business Owner). */
  assignableRoles(practiceId: string, product: ProductCode): string[];
  /** True when the role exists in this practice (default or custom) for this product. */
  isRoleOf(practiceId: string, roleId: string, product: ProductCode): boolean;
  /** Permission codes of the product's catalogue, in catalogue order; empty when it has none. */
  productPermissions(product: ProductCode): string[];
  rolePermissions(practiceId: string, roleId: string): string[];
  /** Rule 5 name checks; undefined when the name is fine. */
  roleNameProblem(practiceId: string, product: ProductCode, name: string): RoleNameProblem | undefined;
  /** Rule 2: the Business Owner's Client Management role. */
  isProtectedGrant(practiceId: string, companyId: string, colleagueId: string, product: ProductCode): boolean;
  /** Every grant a colleague holds, in every company. */
  grantsOfColleague(practiceId: string, colleagueId: string): HeldGrant[];
  /** What undoing this person's own last change would do, now. */
  undoPlan(practiceId: string, actorId: string): UndoPlan;
  /** Every company a colleague has a role on, by company name, their roles by product. */
  colleagueAccess(practiceId: string, colleagueId: string): CompanyAccess[];
  /** The chat history: matching audit entries newest first, one page of them (forged card payloads left out). */
  auditEntries(practiceId: string, filter: HistoryFilter, page: { offset: number; limit: number }): HistoryPage;
  /** Invitations still pending, oldest first. */
  pendingInvitations(practiceId: string): PendingInvitation[];
  /** Marks an invitation to be sent again (the practice's suite sends it): one audited change. */
  resendInvitation(action: InvitationAction): Promise<InvitationResult>;
  /** Cancels an invitation and removes the invited person's grants, in one audited change. */
  cancelInvitation(action: InvitationAction): Promise<InvitationResult>;
  /** The members the practice does not know yet (by object id, e-mail or UPN, case aside), of its own tenant only. */
  newTeamMembers(practiceId: string, members: TeamMember[]): TeamMember[];
  /** Adds members of the team as active colleagues linked to their Teams account, all or none, audited. */
  importTeamMembers(request: MemberImport): Promise<MemberImportResult>;
  /** What importing a spreadsheet sent in the chat would do to the practice as it is now (nothing is written). */
  previewUpload(practiceId: string, fileId: string, kind: ImportKind): UploadPreview;
  /** Imports its new rows in one audited change (all or nothing), previewed again against the practice as it is then. */
  importUpload(upload: UploadImport): Promise<UploadResult>;
  createRole(role: NewRole): Promise<string>;
  commit(change: AccessChange): Promise<CommitResult>;
  commitAll(changes: AccessChange[]): Promise<BatchResult>;
}
