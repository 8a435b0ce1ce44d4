// Registering a practice (the operator, once): its name, its Microsoft Entra tenant, and its Business
// Owner known by e-mail only until they first write in Teams.
import { LANGUAGES, OPERATOR, type LanguageCode } from '../../flows/ports.ts';
import { normalise } from '../conversation/normalise.ts';
import { isEmail } from '../import/colleagueRows.ts';
import { visibleText } from '../text/visibleText.ts';
import { auditEntry, type Stamp } from './auditEntries.ts';
import { BUSINESS_OWNER } from './integrity.ts';
import type { Colleague, Invitation, Practice } from './schema.ts';

export interface NewPractice {
  name: string;
  tenantId: string;
  ownerEmail: string;
  /** Until they say otherwise: the part of the address before the @. */
  ownerName?: string;
  ownerLanguage?: LanguageCode;
}

export type PracticeProblem = 'bad-name' | 'bad-tenant' | 'tenant-taken' | 'bad-email' | 'bad-owner-name' | 'bad-language';

/** Entra tenant ids are GUIDs; Teams sends them in lower case. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Cabinet Dubois & Fils" → "cabinet-dubois-fils": ids that read as what they name. */
export function slugOf(name: string, fallback: string): string {
  return normalise(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '') || fallback;
}

export function newPracticeProblem(practices: readonly Practice[], fields: NewPractice): PracticeProblem | undefined {
  const name = visibleText(String(fields.name ?? ''));
  if (!name || name.length > 200) return 'bad-name';
  if (!GUID.test(String(fields.tenantId ?? '').trim())) return 'bad-tenant';
  const tenant = fields.tenantId.trim().toLowerCase();
  if (practices.some((practice) => String(practice.tenantId).toLowerCase() === tenant)) return 'tenant-taken';
  if (!isEmail(String(fields.ownerEmail ?? '').trim())) return 'bad-email';
  if (fields.ownerName !== undefined && (!visibleText(fields.ownerName) || visibleText(fields.ownerName).length > 200)) return 'bad-owner-name';
  if (fields.ownerLanguage !== undefined && !LANGUAGES.includes(fields.ownerLanguage)) return 'bad-language';
  return undefined;
}

/** The practice, checked by newPracticeProblem: its Business Owner invited, the invitation audited. */
export function newPractice(practices: readonly Practice[], fields: NewPractice, stamp: Stamp): Practice {
  const name = visibleText(fields.name);
  const taken = new Set(practices.map((practice) => practice.id));
  const base = slugOf(name, 'practice');
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  const email = fields.ownerEmail.trim();
  const owner: Colleague = {
    id: stamp.newId('colleague'),
    name: fields.ownerName ? visibleText(fields.ownerName) : email.slice(0, email.indexOf('@')),
    email,
    language: fields.ownerLanguage ?? 'en-GB',
    status: 'invited',
    practiceRole: BUSINESS_OWNER,
  };
  const invitation: Invitation = {
    id: stamp.newId('invitation'), email, colleagueId: owner.id, invitedBy: OPERATOR, createdAt: stamp.at, status: 'pending',
  };
  const entry = auditEntry({ ...stamp, actorId: OPERATOR }, {
    action: 'invitation-created', colleagueId: owner.id, before: null,
    after: { invitationId: invitation.id, email, practiceRole: BUSINESS_OWNER }, outcome: 'done',
  });
  return {
    id, name, tenantId: fields.tenantId.trim().toLowerCase(),
    colleagues: [owner], companies: [], customRoles: [], grants: [], invitations: [invitation], audit: [entry],
  };
}
