// The members of the Teams team or group chat a message came from, as Teams lists them, read into what the
// flow takes (flows/ports.ts: TeamRoster). Asked only when the flow needs them, during the turn, through
// the turn's own connection to Teams.
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { MEMBERS_READ_AT_MOST, type TeamMember, type TeamRoster } from '../../flows/ports.ts';
import { languageOfLocale } from '../conversation/interpretRequest.ts';
import { MAX_NAME } from '../import/importPreview.ts';
import { visibleText } from '../text/visibleText.ts';
import { TRUSTED_CHANNEL } from './identify.ts';

/** Members asked for per page; Teams may send fewer. */
const PAGE_SIZE = 100;
/** Pages asked for at most: a connector that keeps sending empty pages with a token still ends. */
const PAGES_AT_MOST = Math.ceil(MEMBERS_READ_AT_MOST / PAGE_SIZE) + 5;
/** Teams' word for members who are not the tenant's own people. */
const NOT_STAFF = new Set(['guest', 'anonymous']);

/** Where a message comes from a team's channel or a group chat (a personal chat has no team to import). */
function inTeamOrGroup(context: TurnContext): boolean {
  const { activity } = context;
  if (activity.channelId !== TRUSTED_CHANNEL) return false;
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  const type = activity.conversation?.conversationType;
  return typeof team === 'string' || type === 'groupChat' || type === 'channel';
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * A person of the tenant, as the flow takes them; undefined for a bot, a guest, an anonymous member, or
 * someone Teams gives no object id or address for. Which tenant they belong to is the store's to check.
 */
function memberOf(account: TeamsChannelAccount & { objectId?: unknown; locale?: unknown }): TeamMember | undefined {
  const aadObjectId = text(account.aadObjectId) ?? text(account.objectId);
  const email = text(account.email) ?? text(account.userPrincipalName);
  const isBot = account.id?.startsWith('28:') || account.role === 'bot';
  if (!aadObjectId || !email || isBot || NOT_STAFF.has(String(account.userRole ?? '').toLowerCase())) return undefined;
  const upn = text(account.userPrincipalName);
  const locale = text(account.locale);
  const fullName = [account.givenName, account.surname].map(text).filter(Boolean).join(' ');
  return {
    aadObjectId,
    name: visibleText(text(account.name) ?? fullName).slice(0, MAX_NAME) || email,
    email,
    ...(upn && upn.toLowerCase() !== email.toLowerCase() && { userPrincipalName: upn }),
    ...(text(account.tenantId) && { tenantId: text(account.tenantId) }),
    ...(locale && { language: languageOfLocale(locale) }),
  };
}

/**
 * Asks Teams for the conversation's members a page at a time, following its continuation tokens, up to
 * MEMBERS_READ_AT_MOST. Never throws: a personal chat is 'personal', a failure to reach Teams is logged
 * and 'unreachable'.
 */
export async function teamRoster(context: TurnContext, log: (message: string) => void): Promise<TeamRoster> {
  if (!inTeamOrGroup(context)) return { status: 'personal' };
  const accounts: TeamsChannelAccount[] = [];
  let token: string | undefined;
  try {
    for (let page = 0; page < PAGES_AT_MOST && accounts.length < MEMBERS_READ_AT_MOST; page++) {
      const answer = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, token);
      accounts.push(...(Array.isArray(answer?.members) ? answer.members : []));
      token = text(answer?.continuationToken);
      if (!token) break;
    }
  } catch (error) {
    log(`could not ask Teams for the members of ${context.activity.conversation?.id}: ${(error as Error)?.message ?? error}`);
    return { status: 'unreachable' };
  }
  const capped = accounts.length > MEMBERS_READ_AT_MOST || token !== undefined;
  const members = accounts.slice(0, MEMBERS_READ_AT_MOST).map(memberOf).filter((m): m is TeamMember => m !== undefined);
  return { status: 'members', members, capped };
}
