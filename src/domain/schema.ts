// The stored shape of the practices' data: each record's schema, and its type inferred from it, so the
// check and the type cannot drift. Imports nothing from the store (validateStore.ts checks a whole file).
import { z } from 'zod';
import { LANGUAGES, PRODUCTS, type HistoryEntry, type ProductCode, type RefusalReason } from '../../flows/ports.ts';

/** What a problem says was expected, after the path it names ("practices[0].grants[3].version: expected …"). */
const expected = (what: string) => ({ error: `expected ${what}` });

const text = z.string(expected('a non-empty string')).refine((v) => v.trim() !== '', expected('a non-empty string'));
const date = z.string(expected('an ISO date')).refine((v) => !Number.isNaN(Date.parse(v)), expected('an ISO date'));
const counter = z.number(expected('an integer from 1')).int(expected('an integer from 1')).min(1, expected('an integer from 1'));
const product = z.enum(PRODUCTS, expected(`one of ${PRODUCTS.join(', ')}`));
const language = z.enum(LANGUAGES, expected(`one of ${LANGUAGES.join(', ')}`));
const texts = z.array(text, expected('a list of non-empty strings'));
const record = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape, expected('an object'));
const list = <Item extends z.ZodType>(item: Item) => z.array(item, expected('a list'));
/** An audit entry's before and after: any object (a grant, a role…) or null. */
const snapshot = z.custom<object | null>((v) => v === null || (typeof v === 'object' && !Array.isArray(v)), expected('an object or null'));

export const companySchema = record({
  id: text,
  name: text,
  /** Always includes client-management. */
  products: z.array(product, expected('a list of products')),
  /** The client's own staff e-mail domains, e.g. "boulangerie-dupont.fr". */
  emailDomains: texts,
});
export type Company = z.infer<typeof companySchema>;

export const COLLEAGUE_STATUSES = ['active', 'invited'] as const;
export type ColleagueStatus = (typeof COLLEAGUE_STATUSES)[number];

export const colleagueSchema = record({
  id: text,
  name: text,
  email: z.string(expected('an e-mail address')).refine((v) => v.trim() !== '' && v.includes('@'), expected('an e-mail address')),
  language,
  status: z.enum(COLLEAGUE_STATUSES, expected('active or invited')),
  /** A client-management role id; decides rule 1. */
  practiceRole: text,
  aadObjectId: text.optional(),
});
export type Colleague = z.infer<typeof colleagueSchema>;

export const grantSchema = record({
  id: text,
  companyId: text,
  colleagueId: text,
  product,
  roleId: text,
  language,
  version: counter,
  updatedAt: date,
  updatedBy: text,
});
export type Grant = z.infer<typeof grantSchema>;

export const customRoleSchema = record({ id: text, product, name: text, permissions: texts, createdBy: text, createdAt: date });
export type CustomRole = z.infer<typeof customRoleSchema>;

export const INVITATION_STATUSES = ['pending', 'accepted', 'cancelled'] as const;

export const invitationSchema = record({
  id: text,
  email: text,
  colleagueId: text,
  invitedBy: text,
  createdAt: date,
  status: z.enum(INVITATION_STATUSES, expected('pending, accepted or cancelled')),
  /** Last marked to be sent again, and how many times; the practice's suite does the sending. */
  resentAt: date.optional(),
  resendCount: counter.optional(),
  cancelledAt: date.optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** 'access-attempt': a refusal recorded by the bot that names no more precise action. */
export const AUDIT_ACTIONS = [
  'grant-added', 'grant-changed', 'grant-removed', 'role-created', 'invitation-created', 'invitation-resent', 'invitation-cancelled',
  'company-added', 'access-attempt', 'colleague-linked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** Why linking a colleague to a Teams identity was refused (src/domain/colleagueLink.ts). */
export type LinkRefusal = 'already-linked' | 'id-in-use' | 'invitation-cancelled';
export type AuditReason = RefusalReason | 'conflict' | LinkRefusal;

// A record, so that a reason added to RefusalReason (flows/ports.ts) and not here fails to compile.
const REASONS: Record<AuditReason, true> = {
  'not-allowed': true, 'protected-owner': true, 'unknown-company': true, 'unknown-person': true,
  'unknown-role': true, 'wrong-product': true, 'product-not-subscribed': true, 'client-staff': true,
  'forged-payload': true, conflict: true, 'already-linked': true, 'id-in-use': true, 'invitation-cancelled': true,
};
export const AUDIT_REASONS = Object.keys(REASONS) as AuditReason[];

/** The history's entry (flows/ports.ts), with the store's own lists of actions and reasons. */
export const auditEntrySchema = record({
  id: text,
  at: date,
  actorId: text,
  action: z.enum(AUDIT_ACTIONS, expected('an audit action')),
  companyId: text.optional(),
  colleagueId: text.optional(),
  product: product.optional(),
  before: snapshot,
  after: snapshot,
  outcome: z.enum(['done', 'refused'], expected('done or refused')),
  reason: z.enum(AUDIT_REASONS, expected('a refusal reason')).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
// An audit entry is the flows' history entry: a field the flows read and the store drops fails to compile.
export const asHistory = (entry: AuditEntry): HistoryEntry => entry;

export const practiceSchema = record({
  id: text,
  name: text,
  /** Microsoft Entra tenant id the practice is reached through in Teams. */
  tenantId: text,
  colleagues: list(colleagueSchema),
  companies: list(companySchema),
  customRoles: list(customRoleSchema),
  grants: list(grantSchema),
  invitations: list(invitationSchema),
  audit: list(auditEntrySchema),
});
export type Practice = z.infer<typeof practiceSchema>;

export const storeSchema = z.object(
  {
    schemaVersion: z.literal(1, expected('1')),
    // Accepted, an empty list would start an assistant that tells everyone their practice is not set up.
    practices: list(practiceSchema).min(1, { error: 'the list is empty, and the assistant serves no one without a practice' }),
  },
  expected('an object with schemaVersion and practices'),
);
export type StoreData = z.infer<typeof storeSchema>;

// The permission catalogue (data/catalogue.json, read by catalogue.ts).
export interface PermissionGroup {
  group: string;
  permissions: string[];
}

export interface DefaultRole {
  id: string;
  permissions: string[];
  /** Only AutoEntry Administrator reaches every company of the practice. */
  practiceWide?: true;
}

export interface CatalogueProduct {
  id: ProductCode;
  permissionGroups: PermissionGroup[];
  roles: DefaultRole[];
}

export interface Catalogue {
  products: CatalogueProduct[];
}
