// Someone the practice knows by e-mail, writing from Teams for the first time: Teams says who they are.
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { TRUSTED_CHANNEL, tenantOf } from './identify.ts';

export interface Enrolment {
  practiceByTenant(tenantId: string): string | undefined;
  colleagueByEmail(practiceId: string, email: string): string | undefined;
  linkColleague(practiceId: string, colleagueId: string, aadObjectId: string): Promise<'linked' | 'unknown-person' | 'already-linked' | 'id-in-use' | 'invitation-cancelled'>;
  practiceManagers(practiceId: string): string[];
}

/** Linked: identify again. Stranger: the names of who can add them. Undefined: still not set up. */
export type Recognition = { linked: true } | { stranger: string[] } | undefined;

/**
 * Asks Teams for the sender's e-mail (or user principal name) and links their Entra object id to the
 * colleague of the practice with that e-mail. Only within the activity's own tenant; a failure to reach
 * Teams is logged and leaves the person not set up.
 */
export async function recogniseByEmail(context: TurnContext, directory: Enrolment, log: (message: string) => void): Promise<Recognition> {
  const { activity } = context;
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from?.aadObjectId;
  const practiceId = tenantId ? directory.practiceByTenant(tenantId) : undefined;
  if (activity.channelId !== TRUSTED_CHANNEL || !practiceId || !aadObjectId || !activity.from?.id) return undefined;
  let member: TeamsChannelAccount;
  try {
    member = await TeamsInfo.getMember(context, activity.from.id);
  } catch (error) {
    log(`could not ask Teams who ${aadObjectId} is: ${(error as Error)?.message ?? error}`);
    return undefined;
  }
  const sameTenant = !member?.tenantId || member.tenantId.toLowerCase() === tenantId!.toLowerCase();
  const samePerson = !member?.aadObjectId || member.aadObjectId.toLowerCase() === aadObjectId.toLowerCase();
  if (!sameTenant || !samePerson) {
    log(`Teams answered for another ${sameTenant ? 'person' : 'tenant'} than ${aadObjectId}: not linked`);
    return undefined;
  }
  const addresses = [member.email, member.userPrincipalName].filter((a): a is string => typeof a === 'string' && a !== '');
  const colleagueId = addresses.map((address) => directory.colleagueByEmail(practiceId, address)).find(Boolean);
  if (!colleagueId) return { stranger: directory.practiceManagers(practiceId) };
  const outcome = await directory.linkColleague(practiceId, colleagueId, aadObjectId);
  if (outcome === 'linked') return { linked: true };
  // Their invitation was withdrawn: to them, the practice does not know them (yet) again.
  if (outcome === 'invitation-cancelled') return { stranger: directory.practiceManagers(practiceId) };
  log(`${colleagueId} was not linked to ${aadObjectId}: ${outcome}`);
  return undefined;
}
