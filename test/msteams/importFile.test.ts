// A CSV file sent in a Teams personal chat, through the real server process: Teams sends a
// `file.download.info` attachment whose `content.downloadUrl` the assistant fetches with a plain GET. Here a
// local HTTP server plays both Teams' connector (where replies are posted) and OneDrive (the download link);
// clicks are universal actions (adaptiveCard/action invokes), as Teams sends them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityText, cardsIn, findButton, plainSpaces } from '../support/conversationHarness.ts';
import { freePort, postRaw, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeBytes, storeOnDisk } from '../support/storeOnDisk.ts';
import { PEOPLE, type Person } from '../support/teamsDriver.ts';
import { tempFile } from '../store/helpers.ts';

type Json = Record<string, any>;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));
const MAX_KB = 64;

/** Teams' connector (replies posted to it are kept) and the download links of the files sent. */
async function fakeTeams() {
  const posted: Json[] = [];
  const downloads: string[] = [];
  const files: Record<string, (res: import('node:http').ServerResponse) => void> = {
    '/files/clients.csv': (res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fixture('companies-utf8-bom-commas.csv')),
    '/files/clients-excel.csv': (res) => res.writeHead(200).end(fixture('companies-windows1252-semicolons.csv')),
    '/files/team.csv': (res) => res.writeHead(200).end(fixture('colleagues-broken-rows.csv')),
    // Past the cap, said by its Content-Length, or only found while reading (no length, chunked).
    '/files/huge.csv': (res) => res.writeHead(200, { 'content-length': String(MAX_KB * 1024 + 1) }).end(Buffer.alloc(MAX_KB * 1024 + 1, 'a')),
    '/files/huge-stream.csv': (res) => {
      res.writeHead(200);
      for (let i = 0; i < MAX_KB + 8; i++) res.write(Buffer.alloc(1024, 'b'));
      res.end();
    },
    // OneDrive moves a file: followed over http(s), never to another scheme.
    '/files/moved.csv': (res) => res.writeHead(302, { location: '/files/clients.csv' }).end(),
    '/files/local.csv': (res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/files/expired.csv': (res) => res.writeHead(403).end('{"error":"expired"}'),
    // Never answers: the deadline (OUTBOUND_TIMEOUT_MS) ends the wait.
    '/files/slow.csv': () => undefined,
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const file = files[req.url ?? ''];
      if (req.method === 'GET' && file) {
        downloads.push(req.url!);
        return file(res);
      }
      if (req.method === 'GET') return res.writeHead(404).end();
      posted.push(JSON.parse(body || '{}'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, posted, downloads, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

describe('a CSV file sent to the assistant in a Teams personal chat', { timeout: 60_000 }, () => {
  let server: ServerProcess;
  let dataFile: string;
  let teams: Awaited<ReturnType<typeof fakeTeams>>;

  beforeAll(async () => {
    teams = await fakeTeams();
    dataFile = await tempFile('store.json');
    server = await startServerProcess('src/index.ts', {
      DATA_FILE: dataFile, CONVERSATIONS_FILE: await tempFile('conversations.json'), OUTBOUND_TIMEOUT_MS: '1500', MAX_IMPORT_FILE_KB: String(MAX_KB),
    });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await teams.close();
  });

  function activity(person: Person, fields: Json): Json {
    return {
      id: `activity-${Math.random().toString(36).slice(2)}`, channelId: 'msteams', serviceUrl: `${teams.url}/`, locale: 'en-GB',
      conversation: { id: `personal-${person.id}`, conversationType: 'personal', tenantId: person.tenant },
      channelData: { tenant: { id: person.tenant } },
      from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId }, recipient: { id: '28:access-assistant', name: 'Access Assistant' },
      ...fields,
    };
  }

  /** What the assistant posted in answer to one activity: its text, and its last card. */
  function answerTo(id: string): { text: string; card?: Json } {
    const replies = teams.posted.filter((a) => a.replyToId === id);
    return { text: plainSpaces(replies.map(activityText).join('\n')), card: replies.flatMap(cardsIn).at(-1) };
  }

  /** Sends a file as Teams does: the download link, the file type, the name. */
  async function sendFile(person: Person, path: string, name: string, opts: { fileType?: string; locale?: string } = {}) {
    const sent = activity(person, {
      type: 'message', text: '', locale: opts.locale ?? 'en-GB',
      attachments: [{
        contentType: 'application/vnd.microsoft.teams.file.download.info', name,
        contentUrl: `https://contoso.sharepoint.com/personal/${name}`,
        content: { downloadUrl: `${teams.url}${path}`, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: opts.fileType ?? 'csv', etag: '123' },
      }],
    });
    const answer = await postRaw(server.url, JSON.stringify(sent));
    expect(answer.status).toBe(200);
    return answerTo(sent.id);
  }

  /** Clicks a button of a card as Teams does (Action.Execute): the answer replaces the card; the next step is posted. */
  async function click(person: Person, card: Json, title: string, locale = 'en-GB') {
    const sent = activity(person, { type: 'invoke', name: 'adaptiveCard/action', locale, value: { action: { type: 'Action.Execute', verb: 'flow', data: findButton(card, title).data } } });
    const answer = await postRaw(server.url, JSON.stringify(sent));
    expect(answer.status).toBe(200);
    return { ...answerTo(sent.id), inPlace: plainSpaces(JSON.stringify(answer.body)) };
  }

  const demo = async () => (await storeOnDisk(dataFile)).practices.find((p) => p.id === 'demo')!;

  it('previews a companies file (BOM, commas), then imports exactly its new rows, audited as the administrator\'s', async () => {
    const before = (await demo()).companies.map((c) => c.name);
    const preview = await sendFile(PEOPLE.admin, '/files/clients.csv', 'clients.csv');
    for (const said of ['Import these client companies?', 'From “clients.csv”:', 'New: 2', 'Already there: 4', 'Refused: 2', 'Line 7: the name is missing', 'Line 9: the same as line 2']) {
      expect(preview.text).toContain(said);
    }
    expect(teams.downloads).toContain('/files/clients.csv');
    const done = await click(PEOPLE.admin, preview.card!, 'Import 2 companies');
    expect(done.inPlace).toContain('✓ Import 2 companies');
    expect(done.text).toContain('Imported: 2 client companies.');
    const practice = await demo();
    expect(practice.companies.map((c) => c.name).filter((name) => !before.includes(name)).sort()).toEqual(['Garage Leroy, Fils & Cie', 'Le "Petit" Café']);
    expect(practice.audit.filter((e) => e.action === 'company-added').map((e) => e.actorId)).toEqual(['demo-admin', 'demo-admin']);
  });

  it('reads a Windows-1252 file with semicolons, in French, and follows a download link that moved', async () => {
    const preview = await sendFile(PEOPLE.owner, '/files/clients-excel.csv', 'clients-excel.csv', { locale: 'fr-FR' });
    for (const said of ['Importer ces entreprises clientes ?', 'Nouvelles lignes: 2', 'Ligne 6 : « Comptabilité » n\'est pas un produit']) expect(preview.text).toContain(said);
    const done = await click(PEOPLE.owner, preview.card!, 'Importer 2 entreprises', 'fr-FR');
    expect(done.text).toContain('Importées : 2 entreprises clientes.');
    expect((await demo()).companies.map((c) => c.name)).toContain('Pâtisserie Lefèvre & Sœurs');

    // The first file again, from a link that redirects to it: all of it is there now.
    const moved = await sendFile(PEOPLE.owner, '/files/moved.csv', 'clients.csv', { locale: 'fr-FR' });
    expect(moved.text).toContain('Nouvelles lignes: 0');
    expect(moved.text).toContain('Il n\'y a rien de nouveau à importer');
    expect(findButtonTitles(moved.card!)).toEqual(['Entreprises ou collègues ?', 'Annuler']);
  });

  it('names refused rows by line; cancel writes nothing', async () => {
    const before = await storeBytes(dataFile);
    const preview = await sendFile(PEOPLE.admin, '/files/team.csv', 'team.csv');
    for (const said of ['Import these colleagues?', 'Refused: 13', 'Line 5: the e-mail address is missing', 'Line 14: the preferred language is missing', '…and 3 more refused lines.']) {
      expect(preview.text).toContain(said);
    }
    const cancelled = await click(PEOPLE.admin, preview.card!, 'Cancel');
    expect(cancelled.text).toContain('Cancelled. Nothing was changed.');
    expect(await storeBytes(dataFile)).toBe(before);
  });

  it('refuses a stale click on the card of an earlier file', async () => {
    const first = await sendFile(PEOPLE.admin, '/files/team.csv', 'team.csv');
    await sendFile(PEOPLE.admin, '/files/clients.csv', 'clients.csv');
    const before = await storeBytes(dataFile);
    const stale = await click(PEOPLE.admin, first.card!, 'Import 2 colleagues');
    expect(stale.inPlace).toContain('That card is from an earlier step');
    expect(await storeBytes(dataFile)).toBe(before);
    expect((await demo()).colleagues.map((c) => c.email)).not.toContain('nina.roy@cabinet-martin.fr');
  });

  it('says why a file cannot be taken, in the person\'s language, and stays up', async () => {
    const before = await storeBytes(dataFile);
    const cases: Array<[string, string, string]> = [
      ['/files/huge.csv', 'huge.csv', 'huge.csv: The file is larger than 0.06 MB, the most I take.'],
      ['/files/huge-stream.csv', 'huge-stream.csv', 'The file is larger than 0.06 MB'],
      ['/files/local.csv', 'local.csv', 'local.csv: I couldn\'t fetch the file'],
      ['/files/expired.csv', 'expired.csv', 'expired.csv: I couldn\'t fetch the file'],
      [`http://127.0.0.1:${await freePort()}/nowhere.csv`, 'nowhere.csv', 'nowhere.csv: I couldn\'t fetch the file'],
    ];
    for (const [path, name, said] of cases) {
      const answer = path.startsWith('http') ? await sendAbsolute(path, name) : await sendFile(PEOPLE.admin, path, name);
      expect(answer.text, name).toContain(said);
    }
    const started = Date.now();
    const slow = await sendFile(PEOPLE.admin, '/files/slow.csv', 'slow.csv', { locale: 'fr-FR' });
    expect(slow.text).toContain('slow.csv : Je n\'ai pas pu récupérer le fichier');
    expect(Date.now() - started).toBeLessThan(10_000);
    // A workbook is no CSV export: never fetched.
    const workbook = await sendFile(PEOPLE.admin, '/files/clients.xlsx', 'clients.xlsx', { fileType: 'xlsx' });
    expect(workbook.text).toContain('clients.xlsx: This is not a CSV file. Save the spreadsheet as CSV');
    expect(teams.downloads).not.toContain('/files/clients.xlsx');
    expect(await storeBytes(dataFile)).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });

  it('refuses a colleague who may not manage access (rule 1), in their language, and never fetches the file', async () => {
    const before = teams.downloads.length;
    const answer = await sendFile(PEOPLE.standard, '/files/clients.csv', 'clients.csv', { locale: 'fr-FR' });
    expect(answer.text).toContain('Seuls les administrateurs peuvent modifier les accès');
    expect(teams.downloads.length).toBe(before);
    expect((await demo()).audit.at(-1)).toMatchObject({ actorId: 'demo-standard', outcome: 'refused', reason: 'not-allowed' });
  });

  /** A download link on another host than the fake's (a closed port). */
  async function sendAbsolute(link: string, name: string) {
    const sent = activity(PEOPLE.admin, {
      type: 'message', text: '',
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: link, fileType: 'csv' } }],
    });
    expect((await postRaw(server.url, JSON.stringify(sent))).status).toBe(200);
    return answerTo(sent.id);
  }
});

function findButtonTitles(card: Json): string[] {
  const titles: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if ((n.type === 'Action.Execute' || n.type === 'Action.Submit') && typeof n.title === 'string') titles.push(n.title);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return titles;
}
