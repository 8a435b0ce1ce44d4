// A colleague whose access someone else changed is told, in their own preferred language, in their personal
// chat with the assistant: through the real server, with Teams' connector played by a local HTTP server, where
// the proactive messages arrive (POST /v3/conversations/{their conversation}/activities…). Someone it cannot
// reach is not told, and nothing fails: not the administrator's turn, not the server.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { fakeConnector, settle, type FakeConnector } from '../support/fakeConnector.ts';
import { postRaw, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { TENANTS } from '../support/teamsDriver.ts';
import { tempFile } from '../store/helpers.ts';

type Person = { id: string; name: string; aadObjectId: string; chat: string };

const aad = (n: number) => `0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a${String(n).padStart(2, '0')}`;
const CLAIRE: Person = { id: '29:claire', name: 'Claire Martin', aadObjectId: aad(1), chat: 'a:claire' };
const JULIEN: Person = { id: '29:julien', name: 'Julien Moreau', aadObjectId: aad(2), chat: 'a:julien' };
const SOPHIE: Person = { id: '29:sophie', name: 'Sophie Bernard', aadObjectId: aad(3), chat: 'a:sophie' };
/** Camille Leroy prefers French (Canada); Emma Wilson English (United Kingdom). */
const CAMILLE: Person = { id: '29:camille', name: 'Camille Leroy', aadObjectId: aad(4), chat: 'a:camille' };
const EMMA: Person = { id: '29:emma', name: 'Emma Wilson', aadObjectId: aad(6), chat: 'a:emma' };

/** The demo practice, with an Administrator whose name would be a link if the message did not escape it. */
const JULIEN_SHOWN = 'Julien \\[Moreau\\](https://evil.example)';
async function seed(file: string): Promise<void> {
  const data = JSON.parse(await readFile(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;
  data.practices[0].colleagues.find((c) => c.id === 'demo-admin')!.name = 'Julien [Moreau](https://evil.example)';
  await writeFile(file, JSON.stringify(data));
}

describe('a colleague told of a change to their access', { timeout: 90_000 }, () => {
  let teams: FakeConnector;
  let server: ServerProcess;
  let dataFile: string;
  const start = async () => {
    server = await startServerProcess('src/index.ts', { DATA_FILE: dataFile, OUTBOUND_TIMEOUT_MS: '1000' });
  };

  beforeAll(async () => {
    teams = await fakeConnector();
    dataFile = await tempFile('store.json');
    await seed(dataFile);
    await start();
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await teams.close();
  });

  /** A message in the person's personal chat, delivered as Teams does; what the assistant answered, and how long it took. */
  async function say(person: Person, text: string, locale = 'en-GB'): Promise<{ said: string; ms: number }> {
    const id = randomUUID();
    const started = Date.now();
    const answer = await postRaw(server.url, JSON.stringify({
      type: 'message', id, text, locale, channelId: 'msteams', serviceUrl: teams.url,
      conversation: { id: person.chat, conversationType: 'personal', tenantId: TENANTS.demo },
      channelData: { tenant: { id: TENANTS.demo } },
      from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
      recipient: { id: '28:access-assistant', name: 'Access Assistant' },
    }));
    const ms = Date.now() - started;
    expect(answer.status).toBe(200);
    return { said: teams.posted.filter((p) => p.replyTo === id).map((p) => p.text).join('\n'), ms };
  }

  /** Everything posted into the chat that is not an answer to something said there: the proactive messages. */
  const toldIn = (chat: string, replies: string[]) => teams.into(chat).filter((p) => !replies.includes(p.replyTo ?? ''));
  const told = (chat: string) => teams.into(chat).filter((p) => /has changed your access|a modifié vos accès/.test(p.text));

  it('tells a French colleague, in French, what an administrator writing in English gave her: product, company, role, next sign-in', async () => {
    expect((await say(CAMILLE, 'bonjour', 'fr-CA')).said).toContain('Bonjour Camille');
    expect((await say(JULIEN, 'give Camille Documents basic on AutoEntry at Boulangerie Dupont')).said).toContain('Ready to add?');
    expect((await say(JULIEN, 'yes')).said).toContain('Added');

    const message = await teams.waitFor(CAMILLE.chat, 'a modifié vos accès');
    expect(message.activity).toMatchObject({ type: 'message', textFormat: 'markdown', locale: 'fr-CA', recipient: { id: CAMILLE.id } });
    expect(message.activity.text).toBe([
      `Bonjour Camille, ${JULIEN_SHOWN} a modifié vos accès.`,
      'Vous pouvez désormais ouvrir AutoEntry chez Boulangerie Dupont SARL, avec le rôle Documents de base.',
      // Rule 3: the Client Management role that makes AutoEntry visible came with it.
      'Vous pouvez désormais ouvrir Gestion des clients chez Boulangerie Dupont SARL, avec le rôle De base.',
      'Cela prend effet à votre prochaine connexion.',
    ].join('\n\n'));
    // The administrator saw it done; nothing comes to him about it.
    expect(told(JULIEN.chat)).toEqual([]);
  });

  it('tells her of a role changed, then of access removed, each in a message of its own', async () => {
    await say(JULIEN, "change Camille's role at Garage Leroy to Files admin");
    expect((await say(JULIEN, 'yes')).said).toContain('Saved');
    expect((await teams.waitFor(CAMILLE.chat, 'Garage Leroy')).text).toContain(
      'Votre rôle dans AutoEntry chez Garage Leroy & Fils est désormais Administrateur des fichiers (auparavant : Fichiers de base).',
    );

    await say(JULIEN, "remove Camille's AutoEntry access at Garage Leroy");
    expect((await say(JULIEN, 'yes')).said).toContain('Removed');
    expect((await teams.waitFor(CAMILLE.chat, "n'avez plus accès")).text).toContain(
      "Vous n'avez plus accès à AutoEntry chez Garage Leroy & Fils (votre rôle était Administrateur des fichiers).",
    );
    expect(told(CAMILLE.chat)).toHaveLength(3);
  });

  it('tells an English colleague, in English, what the Business Owner writing in French gave her', async () => {
    expect((await say(EMMA, 'hello')).said).toContain('Hello Emma');
    expect((await say(CLAIRE, 'donne à Emma le rôle Documents standard sur AutoEntry chez Boulangerie Dupont', 'fr-FR')).said).toContain('Prêt à ajouter ?');
    expect((await say(CLAIRE, 'oui', 'fr-FR')).said).toContain('Ajouté');
    const message = await teams.waitFor(EMMA.chat, 'has changed your access');
    expect(message.activity.locale).toBe('en-GB');
    expect(message.text).toContain('Hello Emma, Claire Martin has changed your access.');
    expect(message.text).toContain('You can now open AutoEntry at Boulangerie Dupont SARL, with the role Documents standard.');
    expect(message.text).toContain('This takes effect the next time you sign in.');
  });

  it('tells of a batch in one message (a leaver), and of its undo', async () => {
    const before = told(CAMILLE.chat).length;
    await say(CLAIRE, 'retire tous les accès de Camille', 'fr-FR');
    expect((await say(CLAIRE, 'oui', 'fr-FR')).said).toMatch(/retiré|Retiré|modifications/i);
    await teams.waitFor(CAMILLE.chat, /Claire Martin a modifié vos accès[\s\S]*Pâtisserie Lefèvre/);
    await settle(500);
    const [leaver] = told(CAMILLE.chat).slice(before);
    expect(told(CAMILLE.chat)).toHaveLength(before + 1);
    for (const where of ['Gestion des clients chez Boulangerie Dupont SARL', 'AutoEntry chez Boulangerie Dupont SARL', 'Gestion des clients chez Garage Leroy & Fils', 'Gestion des clients chez Pâtisserie Lefèvre']) {
      expect(leaver.text).toContain(`Vous n'avez plus accès à ${where}`);
    }

    await say(CLAIRE, 'annule ma dernière modification', 'fr-FR');
    await say(CLAIRE, 'oui', 'fr-FR');
    await teams.waitFor(CAMILLE.chat, /Vous pouvez désormais ouvrir[\s\S]*Pâtisserie Lefèvre/);
    expect(told(CAMILLE.chat)).toHaveLength(before + 2);
  });

  it('sends nothing to a colleague it has no way to reach, and the administrator’s flow completes as usual', async () => {
    const posted = teams.posted.length;
    await say(JULIEN, 'give Sophie Files basic on AutoEntry at Garage Leroy');
    expect((await say(JULIEN, 'yes')).said).toContain('Added');
    await settle(1_500);
    expect(teams.posted.slice(posted).every((p) => p.conversationId === JULIEN.chat && p.replyTo)).toBe(true);
    expect(teams.into(SOPHIE.chat)).toEqual([]);
  });

  it('says nothing to an administrator about a change they made to their own access', async () => {
    const posted = teams.posted.length;
    await say(JULIEN, "give Julien Files basic on AutoEntry at Café de l'Étoile");
    expect((await say(JULIEN, 'yes')).said).toContain('Added');
    await settle(1_500);
    expect(teams.posted.slice(posted).filter((p) => /changed your access|a modifié vos accès/.test(p.text))).toEqual([]);
  });

  it('when the connector refuses (500), the administrator’s flow completes, the failure is logged, the server stays up', async () => {
    teams.behave(EMMA.chat, 'fail');
    await say(JULIEN, 'give Emma Files basic on AutoEntry at Oxford Street Bikes');
    expect((await say(JULIEN, 'yes')).said).toContain('Added');
    await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/could not tell demo-practice of a change to their access/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });

  it('when the connector never answers, the administrator is answered at once, without waiting for it', async () => {
    teams.behave(EMMA.chat, 'hang');
    await say(JULIEN, "change Emma's role at Oxford Street Bikes to Files admin");
    const confirmed = await say(JULIEN, 'yes');
    expect(confirmed.said).toContain('Saved');
    // The message to Emma waits up to OUTBOUND_TIMEOUT_MS (1 s); the administrator's turn does not.
    expect(confirmed.ms).toBeLessThan(1_000);
    await expect.poll(() => server.output().match(/could not tell demo-practice/g)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect((await say(JULIEN, 'help')).said).not.toBe('');
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });

  it('still reaches a colleague after a restart (same files), from what she said before it', async () => {
    expect(await server.stop()).toBe(0);
    teams.behave(EMMA.chat, 'ok');
    await start();
    const before = told(EMMA.chat).length;
    await say(JULIEN, "change Emma's role at Oxford Street Bikes to Documents basic");
    expect((await say(JULIEN, 'yes')).said).toContain('Saved');
    const message = await teams.waitFor(EMMA.chat, 'is now Documents basic');
    expect(message.text).toContain('Your role in AutoEntry at Oxford Street Bikes Ltd is now Documents basic (it was Files admin).');
    expect(told(EMMA.chat)).toHaveLength(before + 1);
  });

  it('keeps one reference per colleague who wrote, in its own file beside the store', async () => {
    const reach = await JsonDocuments.onDisk(join(dirname(dataFile), 'store.reach.json'));
    expect(Object.keys(reach).sort()).toEqual(['reach/demo/demo-admin', 'reach/demo/demo-basic', 'reach/demo/demo-owner', 'reach/demo/demo-practice']);
    expect(reach['reach/demo/demo-basic']).toMatchObject({
      personal: true,
      reference: { channelId: 'msteams', serviceUrl: teams.url, conversation: { id: CAMILLE.chat }, user: { id: CAMILLE.id, aadObjectId: CAMILLE.aadObjectId } },
    });
    expect(toldIn(SOPHIE.chat, [])).toEqual([]);
  });
});
