// Issue 19, item 3, in the chat: an administrator sends a CSV file (here as the local page and the Emulator
// send one, a data: URL attachment), sees what importing it would do, and imports its new rows in one
// change, audited as theirs. Refusals are named by line; nothing is written before the click, nor after a
// cancel, a stale or forged click, or a file that cannot be read; a colleague who may not manage access is
// refused and their file never fetched.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/import/readCsv.ts';
import { MAX_FILES_KEPT } from '../../src/import/uploadedFiles.ts';
import { createHarness, play, type Harness, type SayOptions } from '../support/conversationHarness.ts';
import { freePort } from '../support/httpBot.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));
const COMPANIES = fixture('companies-utf8-bom-commas.csv');
const COMPANIES_1252 = fixture('companies-windows1252-semicolons.csv');
const BROKEN_COLLEAGUES = fixture('colleagues-broken-rows.csv');

/** A file as the local page sends it: a message whose attachment carries the file as a data: URL. */
function sendFile(h: Harness, bytes: Buffer, name: string, opts: SayOptions & { type?: string } = {}) {
  const type = opts.type ?? 'text/csv';
  return h.send({ type: 'message', text: '', attachments: [{ contentType: type, name, contentUrl: `data:${type};base64,${bytes.toString('base64')}` }] }, opts);
}

/** A file sent as a link (another channel's content URL). */
function sendLink(h: Harness, url: string, name: string, opts: SayOptions & { type?: string } = {}) {
  return h.send({ type: 'message', text: '', attachments: [{ contentType: opts.type ?? 'text/csv', name, contentUrl: url }] }, opts);
}

function tableOf(bytes: Buffer) {
  const read = readCsv(bytes);
  if (!read.ok) throw new Error(read.problem.reason);
  return read.table;
}

const demoOnDisk = async (h: Harness) => (await h.storeOnDisk()).practices.find((p) => p.id === 'demo')!;
const companyNames = async (h: Harness) => (await demoOnDisk(h)).companies.map((c) => c.name);

/** A local server counting the requests it gets, serving `body` for any path. */
async function fileServer(body: Buffer | string) {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked, close: () => new Promise((r) => server.close(r)) };
}

describe('importing a CSV file sent in the chat', () => {
  it('previews a companies file (UTF-8, BOM, commas, a quoted line break), then imports exactly its new rows, audited as the administrator\'s (English)', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    const before = await companyNames(h);
    const unchanged = JSON.stringify(await h.storeOnDisk());
    await sendFile(h, COMPANIES, 'clients.csv');
    const preview = h.lastText();
    for (const said of [
      'Import these client companies?', 'From “clients.csv”:', 'New: 2', 'Already there: 4', 'Refused: 2',
      'Correct these lines and send the file again', '• Line 7: the name is missing', '• Line 9: the same as line 2',
      'The new ones are added together, or none at all',
    ]) expect(preview).toContain(said);
    expect(h.buttons()).toEqual(['Import 2 companies', 'Companies or colleagues?', 'Cancel']);
    expect(JSON.stringify(await h.storeOnDisk())).toBe(unchanged);

    await play(h, [[{ click: 'Import 2 companies' }, ['Done', 'Imported: 2 client companies.', '4 rows were already there', '2 refused rows were not imported.']]]);
    const added = (await companyNames(h)).filter((name) => !before.includes(name));
    expect(added.sort()).toEqual(['Garage Leroy, Fils & Cie', 'Le "Petit" Café']);
    const audit = (await demoOnDisk(h)).audit.filter((entry) => entry.action === 'company-added');
    expect(audit.map((entry) => [entry.actorId, (entry.after as { name: string }).name]).sort()).toEqual([
      ['demo-admin', 'Garage Leroy, Fils & Cie'], ['demo-admin', 'Le "Petit" Café'],
    ]);
    // The new companies are found at once, and the history names who added them.
    await play(h, [['history', 'Julien Moreau added the client company Le "Petit" Café']]);
  });

  it('reads a Windows-1252 file with semicolons and French headers, confirmed by typing (French)', async () => {
    const h = await createHarness({ locale: 'fr-FR', from: 'demo-owner' });
    const before = await companyNames(h);
    await sendFile(h, COMPANIES_1252, 'clients-excel.csv', { type: 'application/vnd.ms-excel' });
    const preview = h.lastText();
    for (const said of [
      'Importer ces entreprises clientes ?', 'Depuis « clients-excel.csv » :', 'Nouvelles lignes: 2', 'Déjà présentes: 2', 'Refusées: 1',
      '• Ligne 6 : « Comptabilité » n\'est pas un produit', 'Les nouvelles sont ajoutées ensemble, ou aucune',
    ]) expect(preview).toContain(said);
    await play(h, [['oui', ['Importées : 2 entreprises clientes.', '2 lignes étaient déjà présentes', '1 ligne refusée n\'a pas été importée.', 'Donner un accès']]]);
    const added = (await companyNames(h)).filter((name) => !before.includes(name));
    expect(added.sort()).toEqual(['Pâtisserie Lefèvre & Sœurs', 'Société Générale d\'Équipement; SAS']);
    expect((await demoOnDisk(h)).audit.filter((e) => e.action === 'company-added').every((e) => e.actorId === 'demo-owner')).toBe(true);
  });

  it('names each refused row of a colleagues file by its line, the first ten and how many more; the new colleagues are invited (English, then French)', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    await sendFile(h, BROKEN_COLLEAGUES, 'team.csv');
    const preview = h.lastText();
    for (const said of [
      'Import these colleagues?', 'New: 2', 'Already there: 1', 'Refused: 13',
      '• Line 5: the e-mail address is missing', '• Line 6: “paul.martin@” is not an e-mail address',
      '• Line 7: “Stagiaire” is not a Client Management role', '• Line 8: “Allemand” is not a language',
      '• Line 9: a practice has one Business Owner', '• Line 10: the name is missing', '• Line 11: the same as line 2',
      '• Line 12: paul@boulangerie-dupont.fr is an address of a client company', '• Line 13: the Client Management role is missing',
      '• Line 14: the preferred language is missing', '…and 3 more refused lines.',
    ]) expect(preview).toContain(said);
    expect(preview).not.toContain('Line 15');
    await play(h, [[{ click: 'Import 2 colleagues' }, ['Invited: 2 colleagues.', '1 row was already there']]]);
    const demo = await demoOnDisk(h);
    const invited = demo.colleagues.filter((c) => ['nina.roy@cabinet-martin.fr', 'jl.picard@cabinet-martin.fr'].includes(c.email));
    expect(invited.map((c) => [c.name, c.status, c.practiceRole]).sort()).toEqual([
      ['Jean-Luc Picard', 'invited', 'client-management.basic'], ['Nina Roy', 'invited', 'client-management.standard'],
    ]);
    expect(demo.audit.filter((e) => e.action === 'invitation-created' && e.actorId === 'demo-admin')).toHaveLength(2);

    const fr = await createHarness({ locale: 'fr-FR', from: 'demo-admin' });
    await sendFile(fr, BROKEN_COLLEAGUES, 'equipe.csv');
    for (const said of ['Importer ces collègues ?', 'Refusées: 13', '• Ligne 5 : l\'adresse e-mail manque', '…et 3 autres lignes refusées.']) {
      expect(fr.lastText()).toContain(said);
    }
    await play(fr, [[{ click: 'Importer 2 collègues' }, 'Invités : 2 collègues.']]);
  });

  it('writes nothing when the preview is cancelled (English and French)', async () => {
    for (const [locale, cancel, said] of [['en-GB', 'Cancel', 'Cancelled. Nothing was changed.'], ['fr-FR', 'Annuler', 'Annulé. Rien n\'a été modifié.']] as const) {
      const h = await createHarness({ locale, from: 'demo-admin' });
      const before = JSON.stringify(await h.storeOnDisk());
      await sendFile(h, COMPANIES, 'clients.csv');
      await play(h, [[{ click: cancel }, said]]);
      expect(JSON.stringify(await h.storeOnDisk())).toBe(before);
      expect(h.practice().audit.filter((e) => e.action === 'company-added')).toEqual([]);
    }
  });

  it('asks "client companies or colleagues?" when the header cannot tell, and says what a file lacks for the kind picked (English and French)', async () => {
    const unclear = Buffer.from('Name,Role\r\nAtelier Brun,Basic\r\n');
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    await sendFile(h, unclear, 'list.csv');
    expect(h.lastText()).toContain('I\'ve read “list.csv”, but its first line doesn\'t say what it lists. Does it list client companies or colleagues?');
    await play(h, [
      [{ click: 'Colleagues' }, ['I can\'t import this file', 'it has no E-mail column', 'A colleagues file needs Name, E-mail, Role and Language columns.', 'Nothing was imported.']],
      [{ click: 'Companies or colleagues?' }, 'Client companies or colleagues?'],
      [{ click: 'Client companies' }, ['Import these client companies?', 'New: 1', 'Import 1 company']],
    ]);

    const fr = await createHarness({ locale: 'fr-FR', from: 'demo-admin' });
    await sendFile(fr, unclear, 'liste.csv');
    expect(fr.lastText()).toContain('Des entreprises clientes ou des collègues ?');
    await play(fr, [['2', ['Je ne peux pas importer ce fichier', 'il n\'y a pas de colonne E-mail', 'Rien n\'a été importé.']]]);
  });

  it('re-previews at the click: a company added meanwhile counts as already there', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    await sendFile(h, COMPANIES, 'clients.csv');
    await h.repository.importRows('demo', { colleagueId: 'demo-owner' }, 'companies', tableOf(Buffer.from('Name\nLe "Petit" Café\n')));
    await play(h, [[{ click: 'Import 2 companies' }, ['Imported: 1 client company.', '5 rows were already there']]]);
    expect((await companyNames(h)).filter((name) => name === 'Le "Petit" Café')).toHaveLength(1);
  });

  it('never imports from a stale or forged click: a card of an earlier file, or another file\'s id on the current card', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    const before = h.practice().companies.length;
    await sendFile(h, COMPANIES, 'clients.csv');
    const first = h.buttonData('Import 2 companies');
    await sendFile(h, COMPANIES_1252, 'other.csv');
    await play(h, [[{ clickOld: 1, title: 'Import 2 companies' }, 'That card is from an earlier step']]);
    // The current card's stamp with the first file's id: a button this card never offered.
    const current = h.buttonData('Import 2 companies');
    await h.send({ type: 'message', value: { ...current, event: first.event } });
    expect(h.lastText()).toContain('That button wasn\'t one I offered');
    expect(h.practice().audit.filter((e) => e.action === 'company-added')).toEqual([]);
    expect(h.practice().companies.length).toBe(before);
    // The forged click is recorded, as every forged payload is.
    expect(h.practice().audit.at(-1)).toMatchObject({ actorId: 'demo-admin', outcome: 'refused', reason: 'forged-payload' });
  });

  it('never imports a file into another practice: its card is someone else\'s, and its id names nothing there', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    await sendFile(h, COMPANIES, 'clients.csv');
    const click = h.buttonData('Import 2 companies');
    // Marc Lefebvre, an Administrator of Fiduciaire du Nord, writing from Teams in his own tenant.
    const marc = { from: { id: '29:marc', aadObjectId: '5e1d2c3b-4a59-4867-8f90-1a2b3c4d5e02' }, channelId: 'msteams' };
    const north = { channelData: { tenant: { id: '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f' } } };
    await h.send({ type: 'message', value: click, ...north }, marc);
    expect(h.lastText()).toContain('That card was shown to someone else');
    expect(await h.repository.importUpload({ practiceId: 'north', actorId: 'north-admin', fileId: click.event.fileId, kind: 'companies' }))
      .toEqual({ status: 'unusable', problem: { reason: 'gone' } });
    const practices = (await h.storeOnDisk()).practices;
    expect(practices.flatMap((p) => p.audit).filter((e) => e.action === 'company-added')).toEqual([]);
  });

  it('asks for the file again when it is no longer kept (pushed out by others\' files, or a restart)', async () => {
    const h = await createHarness({ locale: 'fr-FR', from: 'demo-admin' });
    await sendFile(h, COMPANIES, 'clients.csv');
    for (let i = 0; i < MAX_FILES_KEPT; i++) {
      const bytes = Buffer.from(`Nom\nSociété ${i}\n`);
      h.repository.keepUpload('demo', bytes, tableOf(bytes));
    }
    await play(h, [[{ click: 'Importer 2 entreprises' }, ['Je n\'ai plus « clients.csv »', 'Envoyez-le à nouveau.', 'Rien n\'a été importé.']]]);
    expect(h.practice().audit.filter((e) => e.action === 'company-added')).toEqual([]);
  });

  it('says why a file cannot be read, with the way forward, and stays where it was (English and French)', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin', files: { maxBytes: 1024 * 1024, timeoutMs: 2000 } });
    const before = JSON.stringify(await h.storeOnDisk());
    const big = Buffer.concat([Buffer.from('Name\r\n'), Buffer.alloc(1024 * 1024 + 10, 'a')]);
    await sendFile(h, big, 'huge.csv');
    expect(h.lastText()).toContain('huge.csv: The file is larger than 1 MB, the most I take. Split it into smaller files and send them one at a time. Nothing was imported.');
    await sendLink(h, `http://127.0.0.1:${await freePort()}/clients.csv`, 'clients.csv');
    expect(h.lastText()).toContain('clients.csv: I couldn\'t fetch the file: its link didn\'t answer in time, or refused. Please send it again.');
    await sendFile(h, Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'logo.png', { type: 'image/png' });
    expect(h.lastText()).toContain('logo.png: This is not a CSV file. Save the spreadsheet as CSV');
    await sendFile(h, Buffer.from('PK\u0003\u0004\u0000\u0000'), 'clients.csv');
    expect(h.lastText()).toContain('clients.csv: This is not a CSV file.');
    await sendFile(h, fixture('companies-unclosed-quote.csv'), 'broken.csv');
    expect(h.lastText()).toContain('broken.csv: A quote opened on line 4 is never closed. Nothing was imported.');
    await sendFile(h, Buffer.from(''), 'empty.csv');
    expect(h.lastText()).toContain('empty.csv: The file is empty.');
    // Each time the welcome is shown again under the remark: the flow has not moved.
    expect(h.lastText()).toContain('What would you like to do?');
    expect(JSON.stringify(await h.storeOnDisk())).toBe(before);
    expect(h.errors).toEqual([]);

    const fr = await createHarness({ locale: 'fr-FR', from: 'demo-admin', files: { maxBytes: 1024 * 1024, timeoutMs: 2000 } });
    await sendFile(fr, big, 'enorme.csv');
    expect(fr.lastText()).toContain('enorme.csv : Le fichier dépasse 1 Mo, le maximum que j\'accepte.');
    await sendLink(fr, `http://127.0.0.1:${await freePort()}/clients.csv`, 'clients.csv');
    expect(fr.lastText()).toContain('Je n\'ai pas pu récupérer le fichier');
    await sendFile(fr, Buffer.from('x'), 'photo.jpg', { type: 'image/jpeg' });
    expect(fr.lastText()).toContain('photo.jpg : Ce n\'est pas un fichier CSV.');
  });

  it('refuses a colleague who may not manage access, in their language, without fetching their file; audited', async () => {
    const files = await fileServer(COMPANIES);
    try {
      for (const [locale, said] of [['en-GB', 'Only administrators can change access'], ['fr-FR', 'Seuls les administrateurs']] as const) {
        const h = await createHarness({ locale, from: 'demo-standard' });
        await sendLink(h, `${files.url}/clients.csv`, 'clients.csv');
        expect(h.lastText()).toContain(said);
        expect(h.practice().audit.at(-1)).toMatchObject({ actorId: 'demo-standard', outcome: 'refused', reason: 'not-allowed' });
      }
      expect(files.asked).toEqual([]);
      // An administrator's link is fetched.
      const admin = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
      await sendLink(admin, `${files.url}/clients.csv`, 'clients.csv');
      expect(admin.lastText()).toContain('Import 2 companies');
      expect(files.asked).toEqual(['/clients.csv']);
    } finally {
      await files.close();
    }
  });
});
