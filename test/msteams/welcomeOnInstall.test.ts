// The app installed in Teams (personal chat, group chat, team): Teams sends an installationUpdate (action
// "add") and a conversationUpdate with the assistant among membersAdded, in either order or at once. The
// assistant says hello once per conversation, in the installer's language, with what it can do for them:
// its menu for those who may manage access, whom to ask for those who may not, who can add them for someone
// the practice does not know. Through the real server; Teams' connector played by a local HTTP server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeConnector, settle, type FakeConnector } from '../support/fakeConnector.ts';
import { postRaw, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { TENANTS } from '../support/teamsDriver.ts';
import { tempFile } from '../store/helpers.ts';

type Json = Record<string, any>;
type Person = { id: string; aadObjectId: string; tenant: string };

const aad = (n: number) => `0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a${String(n).padStart(2, '0')}`;
const demo = (id: string, n: number): Person => ({ id, aadObjectId: aad(n), tenant: TENANTS.demo });
const CLAIRE = demo('29:claire', 1);
const JULIEN = demo('29:julien', 2);
const SOPHIE = demo('29:sophie', 3);
const CAMILLE = demo('29:camille', 4);
const EMMA = demo('29:emma', 6);
/** In Fiduciaire du Nord's tenant, with e-mail addresses the practice does not know. */
const PAUL: Person = { id: '29:paul', aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000002', tenant: TENANTS.north };
const ZOE: Person = { id: '29:zoe', aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000005', tenant: TENANTS.north };
const BOT = { id: '28:access-assistant', name: 'Access Assistant' };

const MENU_EN = ['Add a user', 'Edit a user', 'Remove access', 'Who has access'];
const MENU_FR = ['Ajouter un utilisateur', "Modifier l'utilisateur", "Retirer l'accès", 'Qui a accès'];

type Where = { id: string; conversationType: 'personal' | 'groupChat' | 'channel'; team?: string };
const personal = (person: Person): Where => ({ id: `a:${person.id}-${randomUUID()}`, conversationType: 'personal' });

/** What Teams sends (as the platform documents it): the installer in `from`, their language in `locale` and/or clientInfo. */
function activity(type: 'installationUpdate' | 'conversationUpdate', person: Person, where: Where, serviceUrl: string, language: { locale?: string; clientInfo?: string } = {}): Json {
  return {
    type,
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    ...(language.locale && { locale: language.locale }),
    from: { id: person.id, aadObjectId: person.aadObjectId },
    recipient: BOT,
    conversation: { id: where.id, conversationType: where.conversationType, tenantId: person.tenant, ...(where.conversationType !== 'personal' && { isGroup: true }) },
    entities: language.clientInfo ? [{ type: 'clientInfo', locale: language.clientInfo, platform: 'Windows' }] : [],
    channelData: {
      tenant: { id: person.tenant },
      ...(where.team && { team: { id: where.team, name: 'Comptabilité' }, settings: { selectedChannel: { id: where.id } } }),
      ...(type === 'conversationUpdate' && where.team && { eventType: 'teamMemberAdded' }),
    },
    ...(type === 'installationUpdate' ? { action: 'add' } : { membersAdded: [{ id: BOT.id }] }),
  };
}

describe('the welcome when the app is installed', { timeout: 90_000 }, () => {
  let teams: FakeConnector;
  let server: ServerProcess;
  let dataFile: string;
  const start = async () => {
    server = await startServerProcess('src/index.ts', { DATA_FILE: dataFile, OUTBOUND_TIMEOUT_MS: '1000' });
  };

  beforeAll(async () => {
    teams = await fakeConnector({
      '29:paul': { id: '29:paul', name: 'Paul Durand', aadObjectId: PAUL.aadObjectId, email: 'paul.durand@fiduciaire-nord.fr', userPrincipalName: 'paul.durand@fiduciaire-nord.fr', tenantId: TENANTS.north },
      '29:zoe': { id: '29:zoe', name: 'Zoé Petit', aadObjectId: ZOE.aadObjectId, email: 'zoe.petit@fiduciaire-nord.fr', userPrincipalName: 'zoe.petit@fiduciaire-nord.fr', tenantId: TENANTS.north },
    });
    dataFile = await tempFile('store.json');
    await start();
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await teams.close();
  });

  async function post(body: Json): Promise<void> {
    const answer = await postRaw(server.url, JSON.stringify(body));
    expect(answer.status).toBe(200);
  }

  /** Installs (both of Teams' activities, in `order`), then lets anything late arrive; what the chat received. */
  async function install(person: Person, where: Where, language: { locale?: string; clientInfo?: string }, order: 'install first' | 'update first' | 'at once' = 'install first') {
    const installed = activity('installationUpdate', person, where, teams.url, language);
    const joined = activity('conversationUpdate', person, where, teams.url, language);
    if (order === 'at once') await Promise.all([post(installed), post(joined)]);
    else for (const body of order === 'install first' ? [installed, joined] : [joined, installed]) await post(body);
    await settle(300);
    return teams.into(where.id);
  }

  describe.each([
    { who: 'an Administrator', person: JULIEN, language: { locale: 'fr-FR' }, order: 'install first', greeting: 'Bonjour Julien', menu: MENU_FR },
    { who: 'the Business Owner', person: CLAIRE, language: { locale: 'en-GB' }, order: 'update first', greeting: 'Hello Claire', menu: MENU_EN },
  ] as const)('by $who ($language.locale), Teams sending the two activities $order', ({ person, language, order, greeting, menu }) => {
    it('says hello once, in their language, with the menu of what they can do', async () => {
      const where = personal(person);
      const received = await install(person, where, language, order);
      expect(received).toHaveLength(1);
      expect(received[0].text.split('\n')[0]).toBe(greeting);
      for (const offer of menu) expect(received[0].text).toContain(offer);
    });
  });

  describe.each([
    {
      who: 'a colleague in Practice Management', person: EMMA, language: { locale: 'en-GB' }, order: 'at once',
      says: ['Hello Emma', "I help your practice's Business Owner and Administrators give colleagues access to your clients' companies. When they change your access, I'll tell you in your chat with me.",
        'To get access to a client company, or a different role, ask Claire Martin, Julien Moreau, and Amélie Fontaine.'],
    },
    {
      // Teams gives the language in its clientInfo entity only.
      who: 'a Standard colleague', person: SOPHIE, language: { clientInfo: 'fr-FR' }, order: 'at once',
      says: ['Bonjour Sophie', "J'aide le propriétaire et les administrateurs de votre cabinet à donner à vos collègues l'accès aux entreprises de vos clients. Quand ils modifient vos accès, je vous le dis dans votre conversation avec moi.",
        "Pour obtenir l'accès à une entreprise cliente, ou un autre rôle, adressez-vous à Claire Martin, Julien Moreau et Amélie Fontaine."],
    },
    {
      // No language given at all: the one the practice has for her (French, Canada).
      who: 'a Basic colleague', person: CAMILLE, language: {}, order: 'install first',
      says: ['Bonjour Camille', "adressez-vous à Claire Martin, Julien Moreau et Amélie Fontaine."],
    },
  ] as const)('by $who, who may not manage access, Teams sending the two activities $order', ({ person, language, order, says }) => {
    it('says hello once, in their language, with what they can ask and of whom, and nothing to click', async () => {
      const where = personal(person);
      const received = await install(person, where, language, order);
      expect(received).toHaveLength(1);
      for (const line of says) expect(received[0].text).toContain(line);
      expect(JSON.stringify(received[0].activity)).not.toContain('Action.');
    });
  });

  describe.each([
    { person: PAUL, language: { locale: 'en-GB' }, says: "I don't know you yet: your e-mail address isn't among your practice's colleagues in Access Assistant. To be added, ask Hélène Vasseur and Marc Lefebvre." },
    { person: ZOE, language: { locale: 'fr-FR' }, says: 'Je ne vous connais pas encore : votre adresse e-mail ne figure pas parmi les collaborateurs de votre cabinet dans Access Assistant. Pour être ajouté(e), adressez-vous à Hélène Vasseur et Marc Lefebvre.' },
  ] as const)('by someone their practice does not know ($language.locale)', ({ person, language, says }) => {
    it('tells them once who can add them', async () => {
      const where = personal(person);
      const received = await install(person, where, language, 'at once');
      expect(received.map((p) => p.text)).toEqual([says]);
    });
  });

  it('in a team and in a group chat: once in each, to the installer, in their language', async () => {
    const channel: Where = { id: `19:${randomUUID()}@thread.tacv2`, conversationType: 'channel', team: `19:${randomUUID()}@thread.tacv2` };
    const inTeam = await install(JULIEN, channel, { locale: 'en-GB' }, 'update first');
    expect(inTeam).toHaveLength(1);
    expect(inTeam[0].text).toContain('Hello Julien');
    expect(inTeam[0].text).toContain('Add a user');

    const group: Where = { id: `19:${randomUUID()}@thread.v2`, conversationType: 'groupChat' };
    const inGroup = await install(SOPHIE, group, { locale: 'fr-FR' }, 'install first');
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0].text).toContain('Bonjour Sophie');
  });

  it('does not say hello again when the app is removed and added again, upgraded, or after a restart', async () => {
    const where = personal(JULIEN);
    expect(await install(JULIEN, where, { locale: 'en-GB' })).toHaveLength(1);
    await post({ ...activity('installationUpdate', JULIEN, where, teams.url, { locale: 'en-GB' }), action: 'remove' });
    await post(activity('installationUpdate', JULIEN, where, teams.url, { locale: 'en-GB' }));
    await post({ ...activity('installationUpdate', JULIEN, where, teams.url, { locale: 'en-GB' }), action: 'add-upgrade' });
    await settle(300);
    expect(teams.into(where.id)).toHaveLength(1);

    expect(await server.stop()).toBe(0);
    await start();
    expect(await install(JULIEN, where, { locale: 'en-GB' })).toHaveLength(1);
  });

  it('keeps the installer’s personal chat, where they are told later of a change to their access', async () => {
    const where = personal(SOPHIE);
    expect(await install(SOPHIE, where, { locale: 'fr-FR' })).toHaveLength(1);
    // Claire, in her own chat, gives Sophie a role; Sophie has said nothing since the install.
    const claire = personal(CLAIRE);
    const say = (text: string) => post({
      type: 'message', id: randomUUID(), text, locale: 'en-GB', channelId: 'msteams', serviceUrl: teams.url, from: { id: CLAIRE.id, aadObjectId: CLAIRE.aadObjectId },
      recipient: BOT, conversation: { id: claire.id, conversationType: 'personal', tenantId: TENANTS.demo }, channelData: { tenant: { id: TENANTS.demo } },
    });
    await say("give Sophie Files basic on AutoEntry at Garage Leroy");
    await say('yes');
    const told = await teams.waitFor(where.id, 'Claire Martin a modifié vos accès');
    expect(told.text).toContain('Vous pouvez désormais ouvrir AutoEntry chez Garage Leroy & Fils, avec le rôle Fichiers de base.');
  });
});
