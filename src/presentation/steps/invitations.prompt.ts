import type { PendingInvitation } from '../../../flows/ports.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { colleagueName, companyName, productName, roleName, text, type StepInput } from './shared.ts';
import { onPage, pageLine, viewActions } from './view.shared.ts';

// "Pending invitations": who is invited and not yet in, by whom, when, and the access waiting for them; each
// can be marked to be sent again (the practice's suite sends it) or cancelled, which takes that access away.

function day(input: StepInput, at: string): string {
  return new Intl.DateTimeFormat(input.t('steps.view.locale'), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(at));
}

/** "Pâtisserie Lefèvre: Client Management: Basic, AutoEntry: Documents basic", one company after another. */
function accessLine(input: StepInput, invitation: PendingInvitation): string {
  const { t } = input;
  if (!invitation.grants.length) return t('steps.view.invitations.noAccess');
  const byCompany = new Map<string, string[]>();
  for (const grant of invitation.grants) {
    const roles = byCompany.get(grant.companyId) ?? [];
    roles.push(t('common.productRole', { product: productName(input, grant.product), role: roleName(input, grant.roleId) }));
    byCompany.set(grant.companyId, roles);
  }
  return [...byCompany].map(([companyId, roles]) => t('steps.view.invitations.companyAccess', { company: companyName(input, companyId), roles: roles.join(', ') })).join(' · ');
}

/** Who invited them and when, how often it was resent, and the access waiting for them. */
function details(input: StepInput, invitation: PendingInvitation): string {
  const { t } = input;
  const invited = t('steps.view.invitations.invitedBy', { name: colleagueName(input, invitation.invitedBy) || invitation.invitedBy, date: day(input, invitation.createdAt) });
  const resent = invitation.resentAt ? t('steps.view.invitations.resent', { count: invitation.resendCount, date: day(input, invitation.resentAt) }) : '';
  return [invited, resent, accessLine(input, invitation)].filter(Boolean).join(' · ');
}

/** 'view.invitations'. */
export function invitationsPrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const rows = lookups.pendingInvitations(context.practiceId);
  const page = pageLine(input, rows.length);
  const body: Block[] = rows.length
    ? [text(t('steps.view.invitations.text', { count: rows.length })), ...(page ? [text(page, { subtle: true })] : [])]
    : [text(t('steps.view.invitations.nothing'))];
  const choices: Choice[] = onPage(input, rows).map((invitation) => ({
    label: t('steps.view.invitations.resend', { email: invitation.email }),
    detail: `${colleagueName(input, invitation.colleagueId)} · ${details(input, invitation)}`,
    event: { type: 'RESEND_INVITATION', invitationId: invitation.id },
    ...(!invitation.protected && {
      aside: {
        label: t('steps.view.invitations.cancel'),
        name: t('steps.view.invitations.cancelNamed', { email: invitation.email }),
        event: { type: 'CANCEL_INVITATION', invitationId: invitation.id },
      },
    }),
  }));
  return { title: t('steps.view.invitations.title'), body, choices, actions: viewActions(input, rows.length) };
}

/** 'view.cancelInvitation': cancelling takes the access away too, so it is confirmed. */
export function cancelInvitationPrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const invitation = lookups.pendingInvitations(context.practiceId).find((i) => i.id === context.view?.invitationId);
  const email = invitation?.email ?? '';
  const body: Block[] = [
    text(t('steps.view.cancelInvitation.text', { email })),
    ...(invitation?.grants.length ? [text(t('steps.view.cancelInvitation.access', { access: accessLine(input, invitation) }), { tone: 'warning' as const })] : []),
  ];
  return {
    title: t('steps.view.cancelInvitation.title', { email }),
    body,
    choices: [{ label: t('steps.view.cancelInvitation.confirm'), event: { type: 'CONFIRM' }, style: 'destructive' }],
    actions: [{ label: t('common.back'), event: { type: 'BACK' } }],
  };
}
