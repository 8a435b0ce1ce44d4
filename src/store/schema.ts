// The stored shape of the practices' data, and the check run before trusting a file.
import { LANGUAGES, PRODUCTS, type LanguageCode, type ProductCode, type HistoryEntry, type RefusalReason } from '../../flows/ports.ts';
import { checkIntegrity } from './integrity.ts';

export interface Company {
  id: string;
  name: string;
  /** Always includes client-management. */
  products: ProductCode[];
  /** The client's own staff e-mail domains, e.g. "boulangerie-dupont.fr". */
  emailDomains: string[];
}

export const COLLEAGUE_STATUSES = ['active', 'invited'] as const;
export type ColleagueStatus = (typeof COLLEAGUE_STATUSES)[number];

export interface Colleague {
  id: string;
  name: string;
  email: string;
  language: LanguageCode;
  status: ColleagueStatus;
  /** A client-management role id; decides rule 1. */
  practiceRole: string;
  aadObjectId?: string;
}

export interface Grant {
  id: string;
  companyId: string;
  colleagueId: string;
  product: ProductCode;
  roleId: string;
  language: LanguageCode;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface CustomRole {
  id: string;
  product: ProductCode;
  name: string;
  permissions: string[];
  createdBy: string;
  createdAt: string;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'cancelled'] as const;

export interface Invitation {
  id: string;
  email: string;
  colleagueId: string;
  invitedBy: string;
  createdAt: string;
  status: (typeof INVITATION_STATUSES)[number];
  /** Last marked to be sent again, and how many times; the practice's suite does the sending. */
  resentAt?: string;
  resendCount?: number;
  cancelledAt?: string;
}

/** 'access-attempt': a refusal recorded by the bot that names no more precise action. */
export const AUDIT_ACTIONS = [
  'grant-added', 'grant-changed', 'grant-removed', 'role-created', 'invitation-created', 'invitation-resent', 'invitation-cancelled',
  'company-added', 'access-attempt', 'colleague-linked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** Why linking a colleague to a Teams identity was refused (src/store/colleagueLink.ts). */
export type LinkRefusal = 'already-linked' | 'id-in-use' | 'invitation-cancelled';
export type AuditReason = RefusalReason | 'conflict' | LinkRefusal;

const REASONS: Record<AuditReason, true> = {
  'not-allowed': true, 'protected-owner': true, 'unknown-company': true, 'unknown-person': true,
  'unknown-role': true, 'wrong-product': true, 'product-not-subscribed': true, 'client-staff': true,
  'forged-payload': true, conflict: true, 'already-linked': true, 'id-in-use': true, 'invitation-cancelled': true,
};
export const AUDIT_REASONS = Object.keys(REASONS) as AuditReason[];

/** The history's entry (flows/ports.ts), with the store's own lists of actions and reasons. */
export interface AuditEntry extends HistoryEntry {
  action: AuditAction;
  reason?: AuditReason;
}

export interface Practice {
  id: string;
  name: string;
  /** Microsoft Entra tenant id the practice is reached through in Teams. */
  tenantId: string;
  colleagues: Colleague[];
  companies: Company[];
  customRoles: CustomRole[];
  grants: Grant[];
  invitations: Invitation[];
  audit: AuditEntry[];
}

export interface StoreData {
  schemaVersion: 1;
  practices: Practice[];
}

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

type Test = (value: unknown) => boolean;
type Shape = Record<string, [Test, string] | [Test, string, 'optional']>;

const isText: Test = (v) => typeof v === 'string' && v.trim() !== '';
const isOneOf = (list: readonly unknown[]): Test => (v) => list.includes(v);
const isListOf = (test: Test): Test => (v) => Array.isArray(v) && v.every(test);
const isDate: Test = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRecordOrNull: Test = (v) => v === null || isRecord(v);

const TEXT: [Test, string] = [isText, 'a non-empty string'];
const DATE: [Test, string] = [isDate, 'an ISO date'];
const PRODUCT: [Test, string] = [isOneOf(PRODUCTS), `one of ${PRODUCTS.join(', ')}`];
const LANGUAGE: [Test, string] = [isOneOf(LANGUAGES), `one of ${LANGUAGES.join(', ')}`];
const TEXTS: [Test, string] = [isListOf(isText), 'a list of non-empty strings'];

const SHAPES: Record<Exclude<keyof Practice, 'id' | 'name' | 'tenantId'>, Shape> = {
  companies: { id: TEXT, name: TEXT, products: [isListOf(isOneOf(PRODUCTS)), 'a list of products'], emailDomains: TEXTS },
  colleagues: {
    id: TEXT, name: TEXT, email: [(v) => isText(v) && String(v).includes('@'), 'an e-mail address'],
    language: LANGUAGE, status: [isOneOf(COLLEAGUE_STATUSES), 'active or invited'], practiceRole: TEXT,
    aadObjectId: [isText, 'a non-empty string', 'optional'],
  },
  grants: {
    id: TEXT, companyId: TEXT, colleagueId: TEXT, product: PRODUCT, roleId: TEXT, language: LANGUAGE,
    version: [(v) => Number.isInteger(v) && (v as number) >= 1, 'an integer from 1'], updatedAt: DATE, updatedBy: TEXT,
  },
  customRoles: { id: TEXT, product: PRODUCT, name: TEXT, permissions: TEXTS, createdBy: TEXT, createdAt: DATE },
  invitations: {
    id: TEXT, email: TEXT, colleagueId: TEXT, invitedBy: TEXT, createdAt: DATE,
    status: [isOneOf(INVITATION_STATUSES), 'pending, accepted or cancelled'],
    resentAt: [DATE[0], DATE[1], 'optional'],
    resendCount: [(v) => Number.isInteger(v) && (v as number) >= 1, 'an integer from 1', 'optional'],
    cancelledAt: [DATE[0], DATE[1], 'optional'],
  },
  audit: {
    id: TEXT, at: DATE, actorId: TEXT, action: [isOneOf(AUDIT_ACTIONS), 'an audit action'],
    companyId: [isText, 'a non-empty string', 'optional'], colleagueId: [isText, 'a non-empty string', 'optional'],
    product: [PRODUCT[0], PRODUCT[1], 'optional'], before: [isRecordOrNull, 'an object or null'],
    after: [isRecordOrNull, 'an object or null'], outcome: [isOneOf(['done', 'refused']), 'done or refused'],
    reason: [isOneOf(AUDIT_REASONS), 'a refusal reason', 'optional'],
  },
};

// Listed once per shape rather than once per item: a large practice has a hundred thousand items.
const fieldsOf = new WeakMap<Shape, Array<[string, Shape[string]]>>();

/** `path` is a function so that the hundred thousand items that are fine do not each build one. */
function checkShape(value: unknown, path: string | (() => string), shape: Shape, problems: string[]): void {
  const where = () => (typeof path === 'string' ? path : path());
  if (!isRecord(value)) {
    problems.push(`${where()}: expected an object`);
    return;
  }
  let fields = fieldsOf.get(shape);
  if (!fields) fieldsOf.set(shape, (fields = Object.entries(shape)));
  for (const [key, [test, expected, optional]] of fields) {
    if (optional && value[key] === undefined) continue;
    if (!test(value[key])) problems.push(`${where()}.${key}: expected ${expected}`);
  }
}

/** Problems found in a store file's content; empty when it can be trusted. */
export function validateStore(data: unknown): string[] {
  if (!isRecord(data)) return ['expected an object with schemaVersion and practices'];
  const problems: string[] = [];
  if (data.schemaVersion !== 1) problems.push('schemaVersion: expected 1');
  if (!Array.isArray(data.practices)) return [...problems, 'practices: expected a list'];
  // Accepted, an empty list would start an assistant that tells everyone their practice is not set up.
  if (data.practices.length === 0) return [...problems, 'practices: the list is empty, and the assistant serves no one without a practice'];
  data.practices.forEach((practice: unknown, p) => {
    const path = `practices[${p}]`;
    checkShape(practice, path, { id: TEXT, name: TEXT, tenantId: TEXT }, problems);
    if (!isRecord(practice)) return;
    for (const [list, shape] of Object.entries(SHAPES)) {
      const items = practice[list];
      if (!Array.isArray(items)) problems.push(`${path}.${list}: expected a list`);
      else items.forEach((item: unknown, i) => checkShape(item, () => `${path}.${list}[${i}]`, shape, problems));
    }
  });
  // References are only worth checking once every field has the right type.
  return problems.length > 0 ? problems : checkIntegrity(data as unknown as StoreData);
}
