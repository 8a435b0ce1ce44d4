// Two practices in one store, each reached through its own Teams tenant: nothing a person of one
// practice types or sends reads or changes the other's data. Card payloads are untrusted input.
import { describe, expect, it } from 'vitest';
import { PEOPLE, createTeamsDriver, executeButton, textOf, type Person } from '../support/teamsDriver.ts';

const CHAT = 'a:personal';

/** Everything but the audit log, per practice: what must not change. */
function dataOf(teams: Awaited<ReturnType<typeof createTeamsDriver>>) {
  return JSON.stringify(teams.db.data.practices.map(({ audit: _audit, ...rest }) => rest));
}

async function atStep(teams: Awaited<ReturnType<typeof createTeamsDriver>>, person: Person, words: string[]) {
  let replies = await teams.say(person, CHAT, words[0]);
  for (const word of words.slice(1)) replies = await teams.say(person, CHAT, word);
  return replies;
}

describe('practices kept apart', () => {
  it("finds only the practice's own companies, however alike the names", async () => {
    const teams = await createTeamsDriver();
    const north = await atStep(teams, PEOPLE.northAdmin, ['add a user', 'boulangerie dupont']);
    expect(textOf(north)).toContain('Boulangerie Dupont Lille');
    expect(textOf(north)).not.toContain('Boulangerie Dupont SARL');
    const nothing = await teams.say(PEOPLE.northAdmin, CHAT, 'Café de l’Étoile');
    expect(textOf(nothing)).not.toContain("Café de l'Étoile");
  });

  it('lists only its own people as having access, and finds only its own colleagues', async () => {
    const teams = await createTeamsDriver();
    const list = await atStep(teams, PEOPLE.northAdmin, ['who has access', 'Brasserie du Beffroi']);
    expect(textOf(list)).toContain('Hélène Vasseur');
    expect(textOf(list)).not.toMatch(/Claire Martin|Julien Moreau/);
    const people = await atStep(teams, PEOPLE.northAdmin, ['start over', 'add a user', 'Brasserie du Beffroi', 'add a user', 'Camille Leroy']);
    expect(textOf(people)).not.toContain('Camille Leroy (');
    expect(textOf(people)).toContain("couldn't find anyone");
  });

  const forgeries: Array<[string, (data: any) => unknown]> = [
    ["a company of the other practice", (d) => ({ ...d, event: { type: 'PICK_COMPANY', companyId: 'co-boulangerie-dupont' } })],
    ['a made-up company', (d) => ({ ...d, event: { type: 'PICK_COMPANY', companyId: 'co-nowhere' } })],
    ['a wrongly typed id', (d) => ({ ...d, event: { type: 'PICK_COMPANY', companyId: { $ne: null } } })],
    ['an event no step offered', (d) => ({ ...d, event: { type: 'CONFIRM' } })],
    ['prototype-polluting keys', (d) => JSON.parse(`{"v":1,"seq":${d.seq},"step":"${d.step}","for":"${d.for}","event":{"type":"PICK_COMPANY","__proto__":{"companyId":"co-dupont-freres"}}}`)],
  ];
  for (const [what, forge] of forgeries) {
    it(`refuses a card payload naming ${what}, audits it as refused, and changes nothing`, async () => {
      const teams = await createTeamsDriver();
      const search = await atStep(teams, PEOPLE.northAdmin, ['add a user']);
      const cancel = executeButton(search, 'Cancel') as Record<string, unknown>;
      const before = dataOf(teams);
      const replies = await teams.execute(PEOPLE.northAdmin, CHAT, forge(cancel));
      expect(textOf(replies)).toMatch(/wasn't one I offered|nothing was changed/i);
      expect(dataOf(teams)).toBe(before);
      const audit = teams.repository.audit('north');
      expect(audit.at(-1)).toMatchObject({ actorId: 'north-admin', outcome: 'refused', reason: 'forged-payload' });
      expect(teams.repository.audit('demo')).toEqual([]);
      // The flow goes on as before.
      const find = executeButton(search, 'Search') as Record<string, unknown>;
      const next = await teams.execute(PEOPLE.northAdmin, CHAT, { ...find, text: 'boulangerie dupont' });
      expect(textOf(next)).toContain('Who should have access to Boulangerie Dupont Lille?');
    });
  }

  it("refuses a role of the other practice or of another product in a payload", async () => {
    const teams = await createTeamsDriver();
    const roles = await atStep(teams, PEOPLE.northAdmin, ['add a user', 'Textiles Roubaix', 'add a user', 'Inès', 'AutoEntry']);
    const real = executeButton(roles, 'Files admin') as Record<string, any>;
    const demoCustom = teams.db.data.practices.find((p) => p.id === 'demo')!.customRoles[0].id;
    for (const roleId of [demoCustom, 'client-management.administrator', 'client-management.business-owner', 'autoentry.nope']) {
      const before = dataOf(teams);
      await teams.execute(PEOPLE.northAdmin, CHAT, { ...real, event: { type: 'PICK_ROLE', roleId } });
      expect(dataOf(teams)).toBe(before);
      expect(teams.repository.audit('north').at(-1)).toMatchObject({ outcome: 'refused', reason: 'forged-payload' });
    }
  });

  it('protects the Business Owner (rule 2): says so, offers nothing, refuses and audits a forged attempt', async () => {
    const teams = await createTeamsDriver();
    const product = await atStep(teams, PEOPLE.admin, ['edit a user', 'Dupont Frères', 'Claire']);
    expect(textOf(product)).toContain("The Business Owner's Client Management role can't be changed or removed.");
    const back = executeButton(product, 'Back') as Record<string, unknown>;
    const before = dataOf(teams);
    await teams.execute(PEOPLE.admin, CHAT, { ...back, event: { type: 'PICK_PRODUCT', product: 'client-management' } });
    expect(dataOf(teams)).toBe(before);
    expect(teams.repository.audit('demo').at(-1)).toMatchObject({ actorId: 'demo-admin', outcome: 'refused', reason: 'forged-payload' });
  });

  it('refuses a colleague who may not manage users (rule 1), and audits it', async () => {
    const teams = await createTeamsDriver();
    const replies = await teams.say(PEOPLE.standard, CHAT, 'add a user');
    expect(textOf(replies)).toMatch(/Business Owner|Administrator/);
    expect(teams.repository.audit('demo').at(-1)).toMatchObject({ actorId: 'demo-standard', outcome: 'refused', reason: 'not-allowed' });
  });

  it('tells a person of an unknown tenant, or unknown in their tenant, that they are not set up', async () => {
    const teams = await createTeamsDriver();
    const stranger = { ...PEOPLE.admin, aadObjectId: 'ffffffff-0000-0000-0000-000000000000', id: '29:stranger' };
    const elsewhere = { ...PEOPLE.admin, tenant: '00000000-1111-2222-3333-444444444444' };
    for (const person of [stranger, elsewhere]) {
      const before = JSON.stringify(teams.db.data);
      const replies = await teams.say(person, CHAT, 'add a user');
      expect(textOf(replies)).toContain("hasn't set you up");
      expect(JSON.stringify(teams.db.data)).toBe(before);
    }
  });

  it("in local mode too, a stranger naming the demo tenant is no one's stand-in (only a tenant-less activity acts as the demo owner)", async () => {
    const teams = await createTeamsDriver({ localMode: true });
    const stranger = { ...PEOPLE.admin, aadObjectId: 'ffffffff-0000-0000-0000-000000000001', id: '29:stranger' };
    const before = JSON.stringify(teams.db.data);
    expect(textOf(await teams.say(stranger, CHAT, 'add a user'))).toContain("hasn't set you up");
    expect(JSON.stringify(teams.db.data)).toBe(before);
    expect(textOf(await teams.say(PEOPLE.admin, CHAT, 'add a user'))).toContain('Which client company?');
  });
});
