// Several instances of the assistant on one PostgreSQL database (issue 21), as an operator runs them behind a
// load balancer: real server processes (src/index.ts with DATABASE_URL) driven over HTTP with expectReplies,
// and what they stored read back from the database as a restart would read it. Each test has a fresh database;
// the one that stops the database has a cluster of its own.
import pg from 'pg';
import { describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { chat, type Instance, type Reply } from '../support/chatOverHttp.ts';
import { plainSpaces } from '../support/conversationHarness.ts';
import { startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { freshDatabase, postgresBinForTests, postgresForTests, startCluster } from '../support/postgres.ts';
import { loadPractice } from '../../src/storage/postgres/postgresPractices.ts';
import type { Practice } from '../../src/domain/schema.ts';
import en from '../../locales/en/translation.json' with { type: 'json' };
import fr from '../../locales/fr/translation.json' with { type: 'json' };

const ENTRY = 'src/index.ts';
/** Two instances starting together on a busy machine (CI's two cores) may need more than the helper's default. */
const START_TIMEOUT_MS = 60_000;
const postgres = postgresForTests();
const binaries = postgresBinForTests();

// ---- set-up: databases, instances, what the database holds ----

/** A fresh database on the suite's server, dropped after the test. */
async function database(baseUrl: string, label: string) {
  const created = await freshDatabase(baseUrl, label);
  onTestFinished(() => created.drop());
  return reader(created.url);
}

/** The test's own look at a database, closed after the test. */
function reader(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // A database stopped under it: its idle connections go, and the next query opens another.
  pool.on('error', () => undefined);
  onTestFinished(() => pool.end());
  return {
    url,
    pool,
    /** The demo practice as the database holds it (what a starting instance reads). */
    demo: async (): Promise<Practice> => (await loadPractice(pool, 'demo')).practice,
  };
}

/** `count` instances on one database, started together (the second finds the first's schema and seed); killed after the test. */
async function instances(databaseUrl: string, count: number, env: Record<string, string> = {}): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => start(databaseUrl, env)));
  const failed = started.find((each) => each.status === 'rejected');
  if (failed) throw failed.reason;
  return started.map((each) => (each as PromiseFulfilledResult<ServerProcess>).value);
}

async function start(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess(ENTRY, { DATABASE_URL: databaseUrl, ...env }, { startTimeoutMs: START_TIMEOUT_MS });
  onTestFinished(async () => {
    await server.stop('SIGKILL');
  });
  // What each instance said, to read when a test fails.
  onTestFailed(() => console.error(`--- ${server.url} (pid ${server.pid}) ---\n${server.output().slice(-4000)}`));
  return server;
}

/** Neither instance reached the process-wide last resort (src/index.ts): every error was handled where it arose. */
function expectNoEscapedErrors(...servers: ServerProcess[]) {
  for (const server of servers) expect(server.output()).not.toMatch(/Uncaught exception|Unhandled rejection/);
}

async function health(server: Instance): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json() };
}

/** Polls `check` until it holds, or fails after `timeoutMs` with `what`. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const grantsOf = (practice: Practice, companyId: string, colleagueId: string, product: string) =>
  practice.grants.filter((g) => g.companyId === companyId && g.colleagueId === colleagueId && g.product === product);

const doneEntries = (practice: Practice, action: string, colleagueId: string, product?: string) =>
  practice.audit.filter((e) => e.action === action && e.outcome === 'done' && e.colleagueId === colleagueId && e.product === product);

// ---- people inviting colleagues, flow after flow, in one conversation each ----

const COMPANIES = ['Boulangerie Dupont SARL', 'Dupont Frères', "Café de l'Étoile", 'Garage Leroy & Fils', 'Hôtel des Voyageurs'];

const INVITE = {
  'en-GB': { start: 'add a user', yes: 'yes', role: 'Files basic', language: 'English (United Kingdom)', added: 'Added: Files basic on AutoEntry for' },
  'fr-FR': { start: 'ajouter un utilisateur', yes: 'oui', role: 'Fichiers de base', language: 'Français (France)', added: 'Ajouté : Fichiers de base dans AutoEntry pour' },
} as const;

/** What one lane of invitations saw: the flows it started, the e-mails whose confirmation was answered "added", and every apology. */
interface Lane {
  started: number;
  acknowledged: string[];
  apologies: Reply[];
  /** Turns that got no answer (a connection cut, a request timed out) or not a 200 one. */
  failures: unknown[];
}

/**
 * One administrator inviting new people, one whole flow after another, in one conversation, talking to
 * `to()` (read at every turn, so a lane can move to another instance) until `stop()`. A flow that meets an
 * error (the apology, a cut connection) is left, and the next one starts with a new request.
 */
async function inviteUntil(name: string, locale: keyof typeof INVITE, to: () => Instance, stop: () => boolean, lane: Lane): Promise<void> {
  const words = INVITE[locale];
  const person = chat({ conversationId: `lane-${name}`, from: 'demo-admin', locale });
  for (let n = 0; !stop(); n++) {
    const email = `${name}.${n}@example.com`;
    lane.started++;
    try {
      for (const text of [words.start, COMPANIES[n % COMPANIES.length], email, words.yes, 'AutoEntry', words.role, words.language]) {
        const reply = await person.say(to(), text);
        if (isApology(reply)) throw reply;
      }
      const done = await person.say(to(), words.yes);
      if (isApology(done)) throw done;
      if (done.text.includes(`${words.added} ${email} at `) || done.text.includes(`${words.added} ${email} chez `)) lane.acknowledged.push(email);
    } catch (error) {
      if (isReply(error)) lane.apologies.push(error);
      else lane.failures.push(error);
      // The instance is gone or the database is: the next flow is tried a moment later rather than at once.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const newLane = (): Lane => ({ started: 0, acknowledged: [], apologies: [], failures: [] });
const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'activities' in value;
const APOLOGY = { 'en-GB': en.errors.unexpected, 'fr-FR': plainSpaces(fr.errors.unexpected) };
const isApology = (reply: Reply) => Object.values(APOLOGY).some((apology) => reply.text.includes(apology));

/** The apology for a turn that failed, in the person's language, with the way forward offered as a button. */
function expectApology(reply: Reply, locale: keyof typeof INVITE) {
  expect(reply.text).toContain(APOLOGY[locale]);
  const offered = reply.activities.flatMap((activity) => activity.suggestedActions?.actions ?? []).map((action: { title: string }) => action.title);
  expect(offered).toEqual([(locale === 'fr-FR' ? fr : en).common.startOver]);
}

/**
 * Every invitation the lanes made, whole: each invited person once, with one invitation, their two grants (AutoEntry
 * and the Client Management Basic that comes with it) and one 'done' audit entry for each, nothing more; and every
 * acknowledged one among them. Returns how many there are.
 */
function expectWholeInvitations(practice: Practice, domain: RegExp, acknowledged: string[]): number {
  const invited = practice.colleagues.filter((c) => domain.test(c.email));
  const emails = invited.map((c) => c.email);
  expect(new Set(emails).size).toBe(emails.length);
  for (const email of acknowledged) expect(emails).toContain(email);
  for (const person of invited) {
    expect(practice.invitations.filter((i) => i.colleagueId === person.id)).toHaveLength(1);
    const grants = practice.grants.filter((g) => g.colleagueId === person.id);
    expect(grants.map((g) => g.product).sort(), person.email).toEqual(['autoentry', 'client-management']);
    const done = practice.audit.filter((e) => e.colleagueId === person.id && e.outcome === 'done');
    expect(done.map((e) => `${e.action}:${e.product ?? ''}`).sort(), person.email).toEqual(['grant-added:autoentry', 'grant-added:client-management', 'invitation-created:']);
    for (const grant of grants) expect(done.some((e) => e.product === grant.product && e.companyId === grant.companyId), person.email).toBe(true);
  }
  return invited.length;
}

if ('skip' in postgres) {
  console.warn(postgres.skip);
  it.skip(postgres.skip, () => {});
} else {
  describe('two instances on one PostgreSQL database', () => {
    it('a change made on one is seen on the other, both ways (a French invitation, then an edit)', async () => {
      const db = await database(postgres.url, 'seen across instances');
      const [a, b] = await instances(db.url, 2);
      const MARC = 'marc.durand@cabinet-martin.fr';

      // Claire invites Marc on A, in French.
      const claire = chat({ conversationId: 'claire-on-a', from: 'demo-owner', locale: 'fr-FR' });
      expect((await claire.say(a, 'ajouter un utilisateur')).text).toContain('Quelle entreprise cliente ?');
      expect((await claire.say(a, 'boulangerie dupont')).text).toContain('Qui doit avoir accès à Boulangerie Dupont SARL ?');
      expect((await claire.say(a, MARC)).text).toContain('Inviter une nouvelle personne ?');
      expect((await claire.click(a, "L'inviter")).text).toContain('Quel produit ?');
      expect((await claire.click(a, 'AutoEntry')).text).toContain('Quel rôle ?');
      expect((await claire.click(a, 'Documents standard')).text).toContain('Langue préférée');
      expect((await claire.click(a, 'Français (France)')).text).toContain('Prêt à ajouter ?');
      expect((await claire.click(a, 'Ajouter')).text).toContain(`Ajouté : Documents standard dans AutoEntry pour ${MARC} chez Boulangerie Dupont SARL.`);

      // Julien, on B, sees him in the list of who has access, with his roles.
      const julien = chat({ conversationId: 'julien-on-b', from: 'demo-admin', locale: 'fr-FR' });
      expect((await julien.say(b, 'qui a accès à boulangerie dupont ?')).text).toContain(
        `${MARC} (invitation en attente): Gestion des clients : De base · AutoEntry : Documents standard`,
      );

      // Julien changes Marc's role on B, from that list: B knows the person A added.
      expect((await julien.click(b, "Modifier l'utilisateur")).text).toContain(`${MARC} (invitation en attente)`);
      expect((await julien.click(b, `${MARC} (invitation en attente)`)).text).toContain(`Quel produit modifier pour ${MARC} chez Boulangerie Dupont SARL ?`);
      expect((await julien.click(b, 'AutoEntry')).text).toContain('Quel rôle ?');
      expect((await julien.click(b, 'Documents de base')).text).toContain('Rôle : Documents standard → Documents de base');
      expect((await julien.click(b, 'Enregistrer')).text).toContain(
        `Enregistré : ${MARC} a désormais le rôle Documents de base dans AutoEntry chez Boulangerie Dupont SARL`,
      );

      // Claire, back on A, sees Julien's change.
      expect((await claire.say(a, 'qui a accès à boulangerie dupont ?')).text).toContain(
        `${MARC} (invitation en attente): Gestion des clients : De base · AutoEntry : Documents de base`,
      );

      const demo = await db.demo();
      const marc = demo.colleagues.find((c) => c.email === MARC)!;
      expect(grantsOf(demo, 'co-boulangerie-dupont', marc.id, 'autoentry')).toEqual([
        expect.objectContaining({ roleId: 'autoentry.documents-basic', version: 2, updatedBy: 'demo-admin' }),
      ]);
      // A graceful stop in PostgreSQL mode: the turns drained, the pools closed, exit 0.
      expect(await a.stop('SIGTERM')).toBe(0);
      expect(await b.stop('SIGTERM')).toBe(0);
      expectNoEscapedErrors(a, b);
    }, 90_000);

    it('one conversation whose turns alternate between them goes on where the other left it, and a confirmation sent to both is stored once', async () => {
      const db = await database(postgres.url, 'alternating turns');
      const [a, b] = await instances(db.url, 2);
      const claire = chat({ conversationId: 'claire-on-both', from: 'demo-owner', locale: 'en-GB' });

      // Each answer is read against the step the other instance showed: a typed name, a number from its list, a click on its card.
      expect((await claire.say(a, 'add a user')).text).toContain('Which client company?');
      expect((await claire.say(b, 'cafe etoile')).text).toContain("Who should have access to Café de l'Étoile?");
      expect((await claire.say(a, 'camille')).text).toContain('Which product?');
      expect((await claire.say(b, '2')).text).toContain('Which role?');
      const roleCard = claire.button('Files basic');
      expect((await claire.click(a, 'Files basic')).text).toContain('Preferred language');
      expect((await claire.click(b, 'Français (Canada)')).text).toContain('Ready to add?');

      // The same click, at once, on both: one turn after the other (the conversation's lock), the second finds it done.
      const add = claire.button('Add');
      const replies = await Promise.all([a, b].map((instance) => claire.send(instance, { type: 'message', value: add })));
      // Both show the step the flow rests on, done; the later one says its card was from an earlier step.
      for (const reply of replies) expect(reply.text).toContain("Added: Files basic on AutoEntry for Camille Leroy at Café de l'Étoile.");
      expect(replies.filter((reply) => reply.text.includes(en.conversation.stale))).toHaveLength(1);

      const demo = await db.demo();
      expect(grantsOf(demo, 'co-cafe-etoile', 'demo-basic', 'autoentry')).toEqual([expect.objectContaining({ roleId: 'autoentry.files-basic', language: 'fr-CA', version: 1 })]);
      expect(doneEntries(demo, 'grant-added', 'demo-basic', 'autoentry').filter((e) => e.companyId === 'co-cafe-etoile')).toHaveLength(1);
      // The Client Management Basic that comes with it, once too.
      expect(grantsOf(demo, 'co-cafe-etoile', 'demo-basic', 'client-management')).toHaveLength(1);

      // A card from an earlier step, clicked on either instance, is refused as stale: neither holds a flow of its own.
      for (const instance of [b, a]) {
        const stale = await claire.send(instance, { type: 'message', value: roleCard });
        expect(stale.text).toContain(en.conversation.stale);
      }
      expect((await claire.click(b, 'Another company')).text).toContain('Which client company?');
      expect((await claire.say(a, 'garage leroy')).text).toContain('What would you like to do for Garage Leroy & Fils?');
      expect(grantsOf(await db.demo(), 'co-cafe-etoile', 'demo-basic', 'autoentry')).toHaveLength(1);
      expectNoEscapedErrors(a, b);
    }, 90_000);

    it('two administrators saving the same grant at once, on two instances: one is saved, the other told of the conflict, and nothing is lost', async () => {
      const db = await database(postgres.url, 'same grant at once');
      // Statements may wait on the row this test holds for as long as a busy machine takes to bring both to it.
      const [a, b] = await instances(db.url, 2, { DATABASE_TIMEOUT_MS: '30000' });
      const start = grantsOf(await db.demo(), 'co-dupont-freres', 'demo-standard', 'autoentry')[0];
      // Claire on A and Julien on B change Sophie's AutoEntry role at Dupont Frères, each to another role.
      const sides = [
        { person: chat({ conversationId: 'claire-on-a', from: 'demo-owner', locale: 'en-GB' }), on: a, id: 'demo-owner', role: 'Files admin', roleId: 'autoentry.files-admin' },
        { person: chat({ conversationId: 'julien-on-b', from: 'demo-admin', locale: 'en-GB' }), on: b, id: 'demo-admin', role: 'Expenses admin', roleId: 'autoentry.expenses-admin' },
      ];
      for (const { person, on, role } of sides) {
        expect((await person.say(on, 'edit a user')).text).toContain('Which client company?');
        expect((await person.say(on, 'Dupont Frères')).text).toContain('Whose access');
        expect((await person.say(on, 'Sophie')).text).toContain('Which product?');
        expect((await person.say(on, 'AutoEntry')).text).toContain('Which role?');
        expect((await person.say(on, role)).text).toContain('Preferred language');
        expect((await person.say(on, 'English (United Kingdom)')).text).toContain('Save');
      }

      // The practice's row is held from here, so that both instances write their change on the same number, at once:
      // one is written, the other finds the practice changed (Overtaken), catches up and checks its change again.
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      onTestFinished(() => holder.end());
      await holder.query('BEGIN');
      await holder.query("SELECT seq FROM practices WHERE id = 'demo' FOR UPDATE");
      const saving = Promise.all(sides.map(({ person, on }) => person.say(on, 'yes')));
      await until('both instances are writing their change', async () => {
        const { rows } = await db.pool.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE practices SET seq%'");
        return rows[0].n === 2;
      });
      await holder.query('ROLLBACK');
      const replies = await saving;

      const winner = sides[replies.findIndex((reply) => reply.text.includes('Saved: Sophie Bernard now has'))];
      const loser = sides[replies.findIndex((reply) => reply.text.includes(en.steps.conflict.title))];
      expect(winner && loser && winner !== loser).toBe(true);
      expect(replies[sides.indexOf(loser)].text).toContain(`Someone else just changed Sophie Bernard's role on AutoEntry for Dupont Frères: it is now ${winner.role}.`);
      expect(grantsOf(await db.demo(), 'co-dupont-freres', 'demo-standard', 'autoentry')).toEqual([
        expect.objectContaining({ roleId: winner.roleId, version: start.version + 1, updatedBy: winner.id }),
      ]);

      // The one told of the conflict reviews the change from where things are now (from → to), and saves it on top.
      expect((await loser.person.say(loser.on, 'yes')).text).toMatch(new RegExp(`${winner.role}[\\s\\S]*${loser.role}`));
      expect((await loser.person.say(loser.on, 'yes')).text).toContain('Saved: Sophie Bernard now has');
      const demo = await db.demo();
      expect(grantsOf(demo, 'co-dupont-freres', 'demo-standard', 'autoentry')).toEqual([
        expect.objectContaining({ roleId: loser.roleId, version: start.version + 2, updatedBy: loser.id }),
      ]);
      const trail = demo.audit.filter((e) => e.colleagueId === 'demo-standard' && e.product === 'autoentry').map((e) => [e.actorId, e.outcome, e.reason ?? null]);
      expect(trail).toEqual([[winner.id, 'done', null], [loser.id, 'refused', 'conflict'], [loser.id, 'done', null]]);
      expectNoEscapedErrors(a, b);
    }, 90_000);

    it('one instance killed (SIGKILL) while both confirm invitations: every acknowledged one is stored exactly once, and the other goes on serving', async () => {
      const db = await database(postgres.url, 'killed instance');
      const [a, b] = await instances(db.url, 2);
      // Ten administrators inviting people on each instance, in English and in French. Once A is gone, B's finish the
      // flow under way, and A's go on in the same conversations on B until one more invitation is acknowledged there.
      let aAlive = true;
      const lanes = Array.from({ length: 20 }, newLane);
      const [onA, onB] = [lanes.slice(0, 10), lanes.slice(10)];
      let atKill: number[] = [];
      const runs = [
        ...onA.map((lane, i) => inviteUntil(`kill-a${i}`, i % 2 ? 'fr-FR' : 'en-GB', () => (aAlive ? a : b), () => !aAlive && lane.acknowledged.length > atKill[i], lane)),
        ...onB.map((lane, i) => inviteUntil(`kill-b${i}`, i % 2 ? 'fr-FR' : 'en-GB', () => b, () => !aAlive, lane)),
      ];
      const acknowledged = () => lanes.flatMap((lane) => lane.acknowledged);

      await until('A has acknowledged a few invitations', () => onA.flatMap((lane) => lane.acknowledged).length >= 3, 60_000);
      atKill = onA.map((lane) => lane.acknowledged.length);
      // From the kill on, A's conversations go to B (as a load balancer would send them), not once A's exit is seen.
      aAlive = false;
      await a.stop('SIGKILL');
      await Promise.all(runs);

      // B answered every flow it was given "added", through the kill; A's conversations lost only the turn A died in.
      for (const lane of onB) expect([lane.acknowledged.length, lane.apologies, lane.failures]).toEqual([lane.started, [], []]);
      for (const lane of onA) expect([lane.apologies, lane.failures.length <= 1]).toEqual([[], true]);
      expect(onA.flatMap((lane) => lane.failures).length).toBeGreaterThan(0);
      // What either said was done is whole in the database, exactly once.
      const stored = expectWholeInvitations(await db.demo(), /^kill-/, acknowledged());
      expect(stored).toBeGreaterThanOrEqual(acknowledged().length);

      // A started again reads all of it: someone invited on B after the kill is known to A by their e-mail.
      const restarted = await start(db.url);
      const invitedByB = onA[0].acknowledged.at(-1)!;
      const claire = chat({ conversationId: 'claire-after-restart', from: 'demo-owner', locale: 'en-GB' });
      await claire.say(restarted, 'add a user');
      await claire.say(restarted, 'Garage Leroy');
      const found = await claire.say(restarted, invitedByB);
      expect(found.text).toContain('Which product?');
      expect(found.text).not.toContain('Invite a new person?');
      expect(stored).toBe(expectWholeInvitations(await db.demo(), /^kill-/, acknowledged()));
      expectNoEscapedErrors(b, restarted);
    }, 150_000);

    // Stopping the database takes a cluster of the test's own (the server binaries), not only a server to talk to.
    if ('skip' in binaries) console.warn(binaries.skip);
    it.skipIf('skip' in binaries)('the database stopped and started under load: turns apologise, /healthz says why, then the same instances recover, losing nothing', async () => {
      const cluster = await startCluster();
      onTestFinished(() => cluster.destroy());
      const db = reader(cluster.url);
      const [a, b] = await instances(cluster.url, 2);
      // Six administrators inviting people, three on each instance, in English and in French, until they have had
      // an invitation acknowledged after the database came back.
      let restarted = false;
      const lanes = Array.from({ length: 6 }, newLane);
      const locales = lanes.map((_, i) => (i % 2 ? 'fr-FR' : 'en-GB') as keyof typeof INVITE);
      let atRestart: number[] = [];
      const runs = lanes.map((lane, i) => inviteUntil(`outage-${i}`, locales[i], () => (i < 3 ? a : b), () => restarted && lane.acknowledged.length > atRestart[i], lane));
      const acknowledged = () => lanes.flatMap((lane) => lane.acknowledged);
      await until('a few invitations are acknowledged', () => acknowledged().length >= 4, 60_000);

      await cluster.stop();
      for (const instance of [a, b]) {
        expect(await health(instance)).toEqual({ status: 503, body: { status: 'unavailable', database: expect.stringMatching(/^the database does not answer: .+/) } });
      }
      // Someone starting a flow now is told, in their language, that it failed and how to go on; nobody is left without an answer.
      const amelie = chat({ conversationId: 'amelie-in-the-outage', from: 'demo-admin-2', locale: 'fr-FR' });
      expectApology(await amelie.say(a, 'ajouter un utilisateur'), 'fr-FR');
      const claire = chat({ conversationId: 'claire-in-the-outage', from: 'demo-owner', locale: 'en-GB' });
      expectApology(await claire.say(b, 'add a user'), 'en-GB');
      await until('every lane has been told of the outage', () => lanes.every((lane) => lane.apologies.length > 0), 30_000);

      atRestart = lanes.map((lane) => lane.acknowledged.length);
      await cluster.start();
      restarted = true;
      // The same processes, not restarted: their pools reconnect by themselves.
      await until('both instances answer /healthz with 200', async () => (await health(a)).status === 200 && (await health(b)).status === 200, 30_000);
      for (const instance of [a, b]) expect(await health(instance)).toEqual({ status: 200, body: { status: 'ok', database: 'ok' } });
      expect((await amelie.say(a, 'recommencer')).text).toContain('Quelle entreprise cliente ?');
      expect((await claire.say(b, 'start over')).text).toContain('Which client company?');
      await Promise.all(runs);

      // Every turn was answered (no request failed), every failed one with the apology in the lane's language.
      lanes.forEach((lane, i) => {
        expect(lane.failures).toEqual([]);
        for (const apology of lane.apologies) expectApology(apology, locales[i]);
      });
      // Nothing acknowledged lost, nothing half-written: each invitation whole, with its grants and their audit entries.
      expect(expectWholeInvitations(await db.demo(), /^outage-/, acknowledged())).toBeGreaterThanOrEqual(acknowledged().length);
      expectNoEscapedErrors(a, b);
    }, 150_000);
  });
}
