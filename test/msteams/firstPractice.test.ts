// A practice from nothing to its first change, as it happens for real: the operator registers it on an
// empty store and imports its clients and colleagues from CSV exports; the server starts on that store;
// the Business Owner, known by e-mail only, writes from Teams for the first time (Teams, played by a
// local HTTP server, says who she is) and gives an imported colleague access to an imported company.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { activityText, cardsIn, findButton, plainSpaces } from '../support/conversationHarness.ts';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { runPractice } from '../support/practiceCommand.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { tempFile } from '../store/helpers.ts';
import { validateStore } from '../../src/domain/validateStore.ts';

type Json = Record<string, any>;

const TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const MARIE = { id: '29:marie', name: 'Marie Dubois', aadObjectId: 'c0ffee00-1111-4222-8333-444455556666' };
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

/** Teams' connector: who a member is (GET …/members/{id}); everything else is accepted. */
async function fakeTeams() {
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const member = /\/v3\/conversations\/[^/]+\/members\/(.+)$/.exec(decodeURIComponent(req.url ?? ''))?.[1];
      if (req.method === 'GET' && member === MARIE.id) {
        asked.push(member);
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          ...MARIE, email: 'Marie.Dubois@cabinet-dubois.fr', userPrincipalName: 'marie.dubois@cabinet-dubois.fr', tenantId: TENANT,
        }));
      }
      res.writeHead(member ? 404 : 200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked, close: () => new Promise((r) => server.close(r)) };
}

describe('a practice set up from nothing', { timeout: 120_000 }, () => {
  let server: ServerProcess | undefined;
  let teams: Awaited<ReturnType<typeof fakeTeams>> | undefined;
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
    await teams?.close();
  });

  it('practice create → CSV imports → the owner writes from Teams → she adds a colleague', async () => {
    const dataFile = await tempFile('db.json');
    const env = { DATA_FILE: dataFile, CONVERSATIONS_FILE: join(dataFile, '..', 'conversations.json') };

    // The operator, once: the practice, then its clients and colleagues (a French Excel export, in Windows-1252).
    const create = await runPractice(['create', '--name', 'Cabinet Dubois', '--tenant', TENANT, '--owner-email', 'marie.dubois@cabinet-dubois.fr', '--owner-name', 'Marie Dubois', '--owner-language', 'fr-FR'], env);
    expect(create.code, create.stderr).toBe(0);
    const companies = await runPractice(['import', '--tenant', TENANT, 'companies', fixture('companies-windows1252-semicolons.csv'), '--yes'], env);
    expect(companies.code, companies.stderr).toBe(0);
    const colleagues = await runPractice(['import', '--tenant', TENANT, 'colleagues', fixture('colleagues-windows1252-semicolons.csv'), '--yes'], env);
    expect(colleagues.code, colleagues.stderr).toBe(0);
    const shown = await runPractice(['show', '--tenant', TENANT, '--json'], env);
    expect(JSON.parse(shown.stdout)).toEqual({ name: 'Cabinet Dubois', tenantId: TENANT, companies: 4, colleagues: 5, grants: 0, invitations: 5 });

    // The server on that store, and Marie's first message from Teams, in French.
    teams = await fakeTeams();
    server = await startServerProcess('src/index.ts', { ...env, OUTBOUND_TIMEOUT_MS: '2000' });
    let card: Json | undefined;
    const turn = async (fields: Json) => {
      const answer = await sendActivity(server!.url, {
        channelId: 'msteams', serviceUrl: teams!.url, locale: 'fr-FR',
        conversation: { id: 'a:personal-marie', conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        from: MARIE, recipient: { id: '28:access-assistant', name: 'Access Assistant' },
        ...fields,
      });
      expect(answer.status).toBe(200);
      card = answer.body.activities.flatMap(cardsIn).at(-1) ?? card;
      return plainSpaces(answer.body.activities.map(activityText).join('\n'));
    };
    const click = (title: string) =>
      turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'flow', data: findButton(card!, title).data } } });

    expect(await turn({ type: 'message', text: 'ajouter un utilisateur' })).toContain('Quelle entreprise cliente ?');
    expect(teams.asked).toEqual([MARIE.id]);
    const linked = (await storeOnDisk(dataFile)).practices[0].colleagues.find((c) => c.email === 'marie.dubois@cabinet-dubois.fr')!;
    expect(linked).toMatchObject({ aadObjectId: MARIE.aadObjectId, status: 'active' });

    await turn({ type: 'message', text: 'Pâtisserie Lefèvre' });
    await turn({ type: 'message', text: 'Amélie Fontaine' });
    await click('AutoEntry');
    await click('Fichiers de base');
    expect(await click('Français (France)')).toContain('Prêt à ajouter ?');
    expect(await click('Ajouter')).toMatch(/Amélie Fontaine/);

    const store = await storeOnDisk(dataFile);
    expect(validateStore(store)).toEqual([]);
    const [practice] = store.practices;
    const amelie = practice.colleagues.find((c) => c.email === 'amelie.fontaine@cabinet-dubois.fr')!;
    const patisserie = practice.companies.find((c) => c.name.startsWith('Pâtisserie'))!;
    // AutoEntry, and the Client Management Basic access it needs (rule 3), in one change by Marie.
    expect(practice.grants).toEqual([
      expect.objectContaining({ colleagueId: amelie.id, companyId: patisserie.id, product: 'autoentry', roleId: 'autoentry.files-basic', language: 'fr-FR' }),
      expect.objectContaining({ colleagueId: amelie.id, companyId: patisserie.id, product: 'client-management', roleId: 'client-management.basic' }),
    ]);
    expect(practice.audit.filter((e) => e.action === 'grant-added')).toEqual([
      expect.objectContaining({ actorId: linked.id, outcome: 'done' }), expect.objectContaining({ actorId: linked.id, outcome: 'done' }),
    ]);
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });
});
