// The help page's scenario over real HTTP: the server (src/index.ts) in local mode on temporary files,
// driven with expectReplies activities as a channel would (clicks are messages carrying the button's
// data), and the grant then read from the store file on disk. Then the same, with the server stopped
// (SIGTERM) in the middle of the flow and started again on the same files.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityText, cardProblems, cardsIn, findButton, plainSpaces } from '../support/conversationHarness.ts';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';

type Json = Record<string, any>;

const ENTRY = 'src/index.ts';
const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'access-http-'));
  dirs.push(dir);
  return { dir, store: join(dir, 'store.json'), conversations: join(dir, 'conversations.json') };
}

async function start(files: { store: string; conversations: string }) {
  const server = await startServerProcess(ENTRY, { DATA_FILE: files.store, CONVERSATIONS_FILE: files.conversations });
  servers.push(server);
  return server;
}

/** One person in one conversation, talking to whichever server is up; remembers the last card. */
function person(conversationId: string, locale: string) {
  let url = '';
  let lastCard: Json | undefined;
  let lastText = '';

  async function send(activity: Json): Promise<string> {
    const answer = await sendActivity(url, {
      conversation: { id: conversationId },
      from: { id: 'demo-owner', name: 'Claire Martin' },
      locale,
      ...activity,
    });
    expect(answer.status).toBe(200);
    const replies: Json[] = answer.body.activities;
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      for (const card of cardsIn(reply)) {
        expect(cardProblems(card)).toEqual([]);
        lastCard = card;
      }
    }
    lastText = plainSpaces(replies.map(activityText).join('\n'));
    return lastText;
  }

  return {
    talkTo(server: ServerProcess) {
      url = server.url;
    },
    say: (text: string) => send({ type: 'message', text }),
    click(title: string, beside?: string) {
      if (!lastCard) throw new Error('no card yet');
      return send({ type: 'message', value: findButton(lastCard, title, beside).data });
    },
    get text() {
      return lastText;
    },
  };
}

async function grantsOnDisk(file: string, companyId: string) {
  const data = await storeOnDisk(file);
  return data.practices.find((p) => p.id === 'demo')!.grants.filter((g) => g.companyId === companyId && g.colleagueId === 'demo-basic');
}

// One server start is most of these tests' time, so the two share one: the second stops it halfway.
describe('the help page scenario over HTTP', () => {
  let files: Awaited<ReturnType<typeof tempDir>>;
  let server: ServerProcess;
  beforeAll(async () => {
    files = await tempDir();
    server = await start(files);
  });

  it('adds Camille as Documents standard, and the store file on disk holds the grant', async () => {
    const claire = person('http-conversation-1', 'fr-FR');
    claire.talkTo(server);

    expect(await claire.say('ajouter un utilisateur')).toContain('Quelle entreprise cliente ?');
    expect(await claire.say('boulangerie dupont')).toContain('Qui doit avoir accès à Boulangerie Dupont SARL ?');
    expect(await claire.say('Camille')).toContain('Quel produit ?');
    expect(await claire.click('AutoEntry')).toContain('Quel rôle ?');
    expect(await claire.click('Afficher le rôle', 'Documents standard')).toContain('Ce que le rôle Documents standard permet dans AutoEntry :');
    expect(await claire.click('Choisir ce rôle')).toContain('Langue préférée');
    expect(await claire.click('Français (France)')).toContain('le rôle De base de Gestion des clients sera ajouté aussi');
    const done = await claire.click('Ajouter');
    expect(done).toContain('Ajouté : Documents standard dans AutoEntry pour Camille Leroy chez Boulangerie Dupont SARL.');
    expect(done).toContain('Camille verra la modification à sa prochaine connexion.');

    expect(await grantsOnDisk(files.store, 'co-boulangerie-dupont')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ product: 'autoentry', roleId: 'autoentry.documents-standard', language: 'fr-FR', updatedBy: 'demo-owner' }),
        expect.objectContaining({ product: 'client-management', roleId: 'client-management.basic' }),
      ]),
    );
  });

  it('survives a stop (SIGTERM, exit 0) in the middle of the flow: started again on the same files, it carries on', async () => {
    const claire = person('http-conversation-restart', 'en-GB');
    claire.talkTo(server);

    await claire.say('add a user');
    expect(await claire.say('cafe etoile')).toContain("Who should have access to Café de l'Étoile?");
    await claire.say('camille');
    expect(await claire.click('AutoEntry')).toContain('Which role?');

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing the turns under way, then stopping');
    const saved = JSON.parse(await readFile(files.conversations, 'utf8')) as Record<string, Json>;
    expect(Object.keys(saved).filter((key) => key.includes('http-conversation-restart'))).toHaveLength(1);

    server = await start(files);
    claire.talkTo(server);
    // The role card sent before the stop is still the live one.
    expect(await claire.click('Documents standard')).toContain('Preferred language');
    expect(await claire.click('Français (France)')).toContain('Ready to add?');
    expect(await claire.click('Add')).toContain("Added: Documents standard on AutoEntry for Camille Leroy at Café de l'Étoile.");
    expect(claire.text).not.toContain('started afresh');

    expect(await grantsOnDisk(files.store, 'co-cafe-etoile')).toEqual(
      expect.arrayContaining([expect.objectContaining({ product: 'autoentry', roleId: 'autoentry.documents-standard', language: 'fr-FR' })]),
    );
    // The first conversation's grant survived the restart too.
    expect((await grantsOnDisk(files.store, 'co-boulangerie-dupont')).map((g) => g.product).sort()).toEqual(['autoentry', 'client-management']);
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
