// "Import my colleagues" in a Teams team or group chat, through the real server and a fake Teams connector
// (its service URL): the assistant asks Teams for the conversation's members a page at a time
// (GET /v3/conversations/{id}/pagedmembers?pageSize=&continuationToken=, answered { members, continuationToken }),
// lists those the practice does not know, and adds the ones picked, already linked to their Teams account.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityText, plainSpaces } from '../support/conversationHarness.ts';
import { postRaw, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { PEOPLE, TENANTS } from '../support/teamsDriver.ts';
import { tempFile } from '../store/helpers.ts';

type Json = Record<string, any>;

const BOT = { id: '28:access-assistant', name: 'Access Assistant' };
const member = (id: string, name: string, aadObjectId: string, email: string, extra: Json = {}) =>
  ({ id: `29:${id}`, name, aadObjectId, email, userPrincipalName: email, tenantId: TENANTS.demo, userRole: 'user', ...extra });
const newId = (n: number) => `a2000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const claire = member('claire', 'Claire Martin', PEOPLE.owner.aadObjectId, 'claire.martin@cabinet-martin.fr');
const julien = member('julien', 'Julien Moreau', PEOPLE.admin.aadObjectId, 'julien.moreau@cabinet-martin.fr');
const sophie = member('sophie', 'Sophie Bernard', PEOPLE.standard.aadObjectId, 'sophie.bernard@cabinet-martin.fr');

/** Teams' connector: the members of each conversation (or team) a page at a time, and what the bot posts. */
async function fakeConnector(rosters: Record<string, Json[]>) {
  const asked: Array<{ conversation: string; pageSize: string | null; continuationToken: string | null }> = [];
  const posted: Json[] = [];
  /** Conversations whose member list cannot be had: the connection is dropped. */
  const broken = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://connector');
      const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(url.pathname);
      if (req.method === 'GET' && paged) {
        const conversation = decodeURIComponent(paged[1]);
        const pageSize = url.searchParams.get('pageSize');
        const continuationToken = url.searchParams.get('continuationToken');
        asked.push({ conversation, pageSize, continuationToken });
        if (broken.has(conversation)) return req.socket.destroy();
        const all = rosters[conversation];
        if (!all) return res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'ConversationNotFound' } }));
        const from = continuationToken ? Number(continuationToken.replace('after-', '')) : 0;
        const to = from + Number(pageSize ?? 200);
        const answer = { members: all.slice(from, to), ...(to < all.length && { continuationToken: `after-${to}` }) };
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      }
      posted.push(JSON.parse(body || '{}'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked, posted, broken, close: () => new Promise((r) => server.close(r)) };
}

interface Chat { id: string; type: 'personal' | 'groupChat' | 'channel'; team?: string }
const groupChat = (id: string): Chat => ({ id: `19:${id}@thread.v2`, type: 'groupChat' });

// Who is in the chats. Claire and Julien are known by their object id, Thomas Petit by his e-mail (cased
// otherwise); a bot, a guest and someone of another organisation are there too; Zoé and Hugo are new.
const ZOE = member('zoe', 'Zoé Lambert', newId(1), 'zoe.lambert@cabinet-martin.fr');
const HUGO = member('hugo', 'Hugo Moulin', newId(2), 'hugo.moulin@cabinet-martin.fr', { locale: 'en-US' });
const MIXED = [
  claire, julien, ZOE,
  member('thomas', 'Thomas Petit', newId(3), 'Thomas.Petit@Cabinet-Martin.FR'),
  { id: '28:another-bot', name: 'Polly', role: 'bot' },
  member('gina', 'Gina Guest', newId(4), 'gina@partner.example', { userRole: 'guest' }),
  member('nadia', 'Nadia Nord', newId(5), 'nadia.nord@fiduciaire-nord.fr', { tenantId: TENANTS.north }),
  HUGO,
];
/** A team of 230: Claire, Julien and 228 new members, listed by Teams in three pages of 100. */
const MEMBRE = (n: number) => member(`membre-${n}`, `Membre ${String(n).padStart(3, '0')}`, newId(100 + n), `membre.${n}@cabinet-martin.fr`);
const TEAM = { id: '19:equipe-cabinet@thread.tacv2', members: [claire, julien, ...Array.from({ length: 228 }, (_, i) => MEMBRE(i + 1))] };
/** A team larger than the thousand members read. */
const BIG_TEAM = { id: '19:grande-equipe@thread.tacv2', members: [claire, ...Array.from({ length: 1_049 }, (_, i) => MEMBRE(1_000 + i))] };
const LEA = member('lea', 'Léa Roux', newId(10), 'lea.roux@cabinet-martin.fr');
const INES = member('ines', 'Inès Blanc', newId(12), 'ines.blanc@cabinet-martin.fr');
const MARC = member('marc', 'Marc Petit', newId(11), 'marc.petit@cabinet-martin.fr');

describe('importing colleagues from a Teams team or group chat', { timeout: 120_000 }, () => {
  let server: ServerProcess;
  let dataFile: string;
  let teams: Awaited<ReturnType<typeof fakeConnector>>;

  beforeAll(async () => {
    teams = await fakeConnector({
      [groupChat('mixed').id]: MIXED,
      [groupChat('race').id]: [claire, julien, LEA, MARC],
      [groupChat('down').id]: [claire, INES],
      [groupChat('francais').id]: [claire, julien],
      [TEAM.id]: TEAM.members,
      [BIG_TEAM.id]: BIG_TEAM.members,
    });
    teams.broken.add(groupChat('down').id);
    dataFile = await tempFile('store.json');
    server = await startServerProcess('src/index.ts', { DATA_FILE: dataFile, CONVERSATIONS_FILE: await tempFile('conversations.json'), OUTBOUND_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await teams.close();
  });

  function activity(from: Json, chat: Chat, locale: string, extra: Json): Json {
    return {
      id: `activity-${Math.random().toString(36).slice(2)}`, channelId: 'msteams', serviceUrl: teams.url, locale,
      conversation: { id: chat.type === 'channel' ? `${chat.id};messageid=1` : chat.id, conversationType: chat.type, tenantId: TENANTS.demo },
      channelData: { tenant: { id: TENANTS.demo }, ...(chat.team && { team: { id: chat.team } }) },
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId }, recipient: BOT, ...extra,
    };
  }

  /** What the bot posted for one activity: its replies' text and the last card among them. */
  function answered(id: string, extra: Json[] = []) {
    const replies = [...extra, ...teams.posted.filter((a) => a.replyToId === id)];
    const cards = replies.flatMap((r) => (r.attachments ?? []).map((a: Json) => a.content)).filter(Boolean);
    // A step that stayed where it was is drawn again in place, as the invoke's answer.
    const inPlace = extra.map((r) => r.value?.body).find((b) => b?.type === 'application/vnd.microsoft.card.adaptive')?.value;
    return { text: plainSpaces(replies.map(activityText).join('\n')), card: (cards.at(-1) ?? inPlace) as Json | undefined };
  }

  /** A message; outside a personal chat, with the @mention Teams puts before it. */
  async function say(from: Json, chat: Chat, text: string, locale = 'en-GB') {
    const mention = `<at>${BOT.name}</at>`;
    const message = chat.type === 'personal'
      ? { type: 'message', text }
      : { type: 'message', text: `${mention} ${text}`, entities: [{ type: 'mention', text: mention, mentioned: BOT }] };
    const sent = activity(from, chat, locale, message);
    expect((await postRaw(server.url, JSON.stringify(sent))).status).toBe(200);
    return answered(sent.id);
  }

  /** A click on a card's button (Action.Execute), with switches set by member object id; the invoke's answer and the next step. */
  async function click(from: Json, chat: Chat, card: Json | undefined, title: string, ticks: Record<string, boolean> = {}, locale = 'en-GB') {
    if (!card) throw new Error('no card to click on');
    const button = nodes(card).find((n) => n.type === 'Action.Execute' && n.title === title);
    if (!button) throw new Error(`no button "${title}"; offered: ${nodes(card).filter((n) => n.type === 'Action.Execute').map((n) => n.title).join(', ')}`);
    const inputs = Object.fromEntries(nodes(card).filter((n) => n.type === 'Input.Toggle').map((n) => [n.id, String(n.value)]));
    for (const [id, on] of Object.entries(ticks)) {
      expect(inputs, `a switch for ${id}`).toHaveProperty(`member:${id}`);
      inputs[`member:${id}`] = on ? 'true' : 'false';
    }
    const sent = activity(from, chat, locale, {
      type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: button.verb, data: { ...button.data, ...inputs } } },
    });
    const answer = await postRaw(server.url, JSON.stringify(sent));
    expect(answer.status).toBe(200);
    return answered(sent.id, [{ type: 'invokeResponse', value: { status: 200, body: answer.body } }]);
  }

  /** The people a pick card offers: the switches' labels. */
  const offered = (card: Json | undefined) => nodes(card).filter((n) => n.type === 'Input.Toggle').map((n) => String(n.title).replace(/\\/g, ''));
  const demo = async () => (await storeOnDisk(dataFile)).practices.find((p) => p.id === 'demo')!;
  const askedFor = (conversation: string) => teams.asked.filter((a) => a.conversation === conversation);

  it('lists only the members the practice does not know, and adds the two picked with a role, active and linked, audited (English)', async () => {
    const chat = groupChat('mixed');
    const pick = await say(claire, chat, 'import my colleagues');
    expect(pick.text).toContain('2 people in this conversation are not in your practice yet');
    expect(offered(pick.card)).toEqual(['Zoé Lambert (zoe.lambert@cabinet-martin.fr)', 'Hugo Moulin (hugo.moulin@cabinet-martin.fr)']);
    // Known by object id or e-mail, a bot, a guest, another organisation: none of them offered.
    expect(pick.text).not.toMatch(/Thomas|Polly|Gina|Nadia|Julien Moreau \(/);
    expect(askedFor(chat.id)).toEqual([{ conversation: chat.id, pageSize: '100', continuationToken: null }]);

    const role = await click(claire, chat, pick.card, 'Continue', { [ZOE.aadObjectId]: true, [HUGO.aadObjectId]: true });
    expect(role.text).toContain('Which Client Management role?');
    // Rule 2: never the Business Owner's role.
    const roles = nodes(role.card).filter((n) => n.type === 'Action.Execute').map((n) => n.title);
    expect(roles).toEqual(['Administrator', 'Standard', 'Basic', 'Read Only', 'Practice Management', 'Back', 'Cancel']);
    const confirm = await click(claire, chat, role.card, 'Standard');
    expect(confirm.text).toContain('Add 2 colleagues?');
    // Hugo's Teams locale is his preferred language; Zoé has none in Teams: the administrator's.
    expect(confirm.text).toContain('zoe.lambert@cabinet-martin.fr · English (United Kingdom)');
    expect(confirm.text).toContain('hugo.moulin@cabinet-martin.fr · English (United States)');
    const done = await click(claire, chat, confirm.card, 'Add 2 colleagues');
    expect(done.text).toContain('Added 2 colleagues, linked to their Teams accounts');

    const practice = await demo();
    const zoe = practice.colleagues.find((c) => c.email === 'zoe.lambert@cabinet-martin.fr')!;
    const hugo = practice.colleagues.find((c) => c.email === 'hugo.moulin@cabinet-martin.fr')!;
    expect(zoe).toMatchObject({ name: 'Zoé Lambert', status: 'active', aadObjectId: ZOE.aadObjectId, practiceRole: 'client-management.standard', language: 'en-GB' });
    expect(hugo).toMatchObject({ status: 'active', aadObjectId: HUGO.aadObjectId, practiceRole: 'client-management.standard', language: 'en-US' });
    for (const colleague of [zoe, hugo]) {
      const entries = practice.audit.filter((e) => e.colleagueId === colleague.id);
      expect(entries.map((e) => [e.action, e.actorId, e.outcome])).toEqual([['invitation-created', 'demo-owner', 'done'], ['colleague-linked', 'demo-owner', 'done']]);
    }
    expect(practice.colleagues.filter((c) => /thomas|gina|nadia/i.test(c.email))).toHaveLength(1); // Thomas Petit, as he was

    // Zoé is known at once, by her Teams account: no e-mail look-up, no "not set up".
    const hers = await say(ZOE, chat, 'help');
    expect(hers.text).not.toMatch(/set you up|don't know you/);
    // The history says who added them.
    expect((await say(claire, chat, 'history')).text).toContain('Claire Martin added Zoé Lambert from Teams, linked to their Teams account');
  });

  it('follows Teams\' pages, keeps what was ticked across its own, and adds the two picked in French', async () => {
    const chat: Chat = { id: TEAM.id, type: 'channel', team: TEAM.id };
    const pick = await say(claire, chat, 'importer mes collègues', 'fr-FR');
    expect(askedFor(TEAM.id).map((a) => [a.pageSize, a.continuationToken])).toEqual([['100', null], ['100', 'after-100'], ['100', 'after-200']]);
    expect(pick.text).toContain('228 personnes de cette conversation ne sont pas encore dans votre cabinet');
    expect(pick.text).toContain('Page 1 sur 23');
    expect(offered(pick.card)).toHaveLength(10);

    const next = await click(claire, chat, pick.card, 'Page suivante', { [MEMBRE(1).aadObjectId]: true }, 'fr-FR');
    expect(next.text).toContain('Page 2 sur 23');
    expect(next.text).toContain('1 personne cochée');
    // A name typed works too.
    const typed = await say(claire, chat, 'Membre 011', 'fr-FR');
    expect(typed.text).toContain('2 personnes cochées');
    const role = await click(claire, chat, typed.card, 'Continuer', {}, 'fr-FR');
    expect(role.text).toContain('Quel rôle dans Gestion des clients ?');
    const confirm = await click(claire, chat, role.card, 'De base', {}, 'fr-FR');
    expect(confirm.text).toContain('Ajouter 2 collègues ?');
    expect(confirm.text).toContain('membre.1@cabinet-martin.fr · Français (France)');
    const done = await click(claire, chat, confirm.card, 'Ajouter 2 collègues', {}, 'fr-FR');
    expect(done.text).toContain('2 collègues ajoutés, reliés à leur compte Teams');

    const practice = await demo();
    for (const n of [1, 11]) {
      expect(practice.colleagues.find((c) => c.email === `membre.${n}@cabinet-martin.fr`)).toMatchObject({
        status: 'active', aadObjectId: MEMBRE(n).aadObjectId, practiceRole: 'client-management.basic', language: 'fr-FR',
      });
    }
    expect(practice.colleagues.some((c) => c.email === 'membre.2@cabinet-martin.fr')).toBe(false);
  });

  it('reads a thousand members at most, and says so', async () => {
    const chat: Chat = { id: BIG_TEAM.id, type: 'channel', team: BIG_TEAM.id };
    const pick = await say(claire, chat, 'import the team');
    expect(askedFor(BIG_TEAM.id)).toHaveLength(10);
    expect(pick.text).toContain('I looked at the first 1,000 only');
    expect(pick.text).toContain('999 people in this conversation are not in your practice yet');
  });

  it('adds nobody when one of those picked was added meanwhile, and lists the others again', async () => {
    const chat = groupChat('race');
    const claires = await say(claire, chat, 'import my colleagues');
    const role = await click(claire, chat, claires.card, 'Continue', { [LEA.aadObjectId]: true, [MARC.aadObjectId]: true });
    const confirm = await click(claire, chat, role.card, 'Standard');
    expect(confirm.text).toContain('Add 2 colleagues?');

    // Meanwhile Julien, in the same chat, adds Léa.
    const his = await say(julien, chat, 'add everyone from this chat');
    const hisRole = await click(julien, chat, his.card, 'Continue', { [LEA.aadObjectId]: true });
    const hisConfirm = await click(julien, chat, hisRole.card, 'Basic');
    expect((await click(julien, chat, hisConfirm.card, 'Add 1 colleague')).text).toContain('Added 1 colleague');

    const refused = await click(claire, chat, confirm.card, 'Add 2 colleagues');
    expect(refused.text).toContain('Nobody was added');
    expect(refused.text).toContain('Léa Roux');
    const practice = await demo();
    expect(practice.colleagues.filter((c) => c.email === 'lea.roux@cabinet-martin.fr')).toEqual([
      expect.objectContaining({ practiceRole: 'client-management.basic', aadObjectId: LEA.aadObjectId }),
    ]);
    expect(practice.colleagues.some((c) => c.email === 'marc.petit@cabinet-martin.fr')).toBe(false);

    const again = await click(claire, chat, refused.card, 'Review again');
    expect(offered(again.card)).toEqual(['Marc Petit (marc.petit@cabinet-martin.fr)']);
    expect(again.text).toContain('1 person ticked so far');
  });

  it.each([
    ['en-GB', 'import my colleagues', "only your practice's Business Owner or an Administrator"],
    ['fr-FR', 'importer mes collègues', 'seuls le propriétaire du cabinet ou un administrateur'],
  ])('refuses someone who may not manage users, without asking Teams (%s)', async (locale, text, refusal) => {
    const chat = groupChat('mixed');
    const before = askedFor(chat.id).length;
    expect((await say(sophie, chat, text, locale)).text).toContain(refusal);
    expect(askedFor(chat.id)).toHaveLength(before);
  });

  it.each([
    ['en-GB', 'import my colleagues', 'Importing colleagues works in a Teams team or group chat'],
    ['fr-FR', 'importer mes collègues', "L'import de collègues se fait dans une équipe ou une conversation de groupe Teams"],
  ])('explains, in a personal chat, that it works in a team or group chat (%s)', async (locale, text, explained) => {
    const before = teams.asked.length;
    const reply = await say(claire, { id: 'personal-claire', type: 'personal' }, text, locale);
    expect(reply.text).toContain(explained);
    expect(teams.asked).toHaveLength(before);
  });

  it.each([
    ['en-GB', 'import my colleagues', "I couldn't ask Teams who is in this conversation, so nothing was changed", 'Try again'],
    ['fr-FR', 'importer mes collègues', "Je n'ai pas pu demander à Teams qui participe à cette conversation : rien n'a été modifié", 'Réessayer'],
  ])('says so when Teams cannot list the members, and tries again when asked (%s)', async (locale, text, unreachable, tryAgain) => {
    const chat = groupChat('down');
    teams.broken.add(chat.id);
    const reply = await say(claire, chat, text, locale);
    expect(reply.text).toContain(unreachable);
    expect(server.output()).toContain(`could not ask Teams for the members of ${chat.id}`);
    teams.broken.delete(chat.id);
    const again = await click(claire, chat, reply.card, tryAgain, {}, locale);
    expect(offered(again.card)).toEqual(['Inès Blanc (ines.blanc@cabinet-martin.fr)']);
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });

  it('says when everyone in the chat is already known', async () => {
    const reply = await say(claire, groupChat('francais'), 'importer mes collègues', 'fr-FR');
    expect(reply.text).toContain('Tous les participants de cette conversation sont déjà des collègues de votre cabinet');
  });
});

function nodes(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => nodes(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    Object.values(node).forEach((v) => nodes(v, out));
  }
  return out;
}
