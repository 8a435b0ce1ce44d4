// The local chat page in a real browser (Debian's Chromium, driven by playwright-core): the help page's
// scenario done by clicking as a person would, a phone's width, the keyboard alone, a colleague who may
// not change access, and nothing loaded from outside the machine. Run with `npm run test:browser`.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { CHROMIUM, chromiumAvailable } from '../support/chromium.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ARTEFACTS = join(REPO, 'test-results/browser');
/** The README's picture: rewritten only when asked (UPDATE_SCREENSHOT=1), never on an ordinary run. */
const README_SCREENSHOT = join(REPO, 'test/browser/screenshots/local-page.png');
const UPDATE_SCREENSHOT = process.env.UPDATE_SCREENSHOT === '1';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };


const available = chromiumAvailable();

// Asked for explicitly (npm run test:browser), a missing browser is a failure, not a silent skip.
// (`npm test` only reports it, as a skipped test: test/browserAvailability.test.ts.)
if (!available) {
  it('the browser tests need Chromium', () => {
    throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH to use another): apt-get install -y chromium && npm run test:browser`);
  });
}

/** What a page did that the tests check after each of them: every request it made, and every error it logged. */
interface Watched {
  requests: string[];
  errors: string[];
}

describe.skipIf(!available)('the local chat page in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let dataFile: string;
  const contexts: BrowserContext[] = [];
  const watched: Watched[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'access-assistant-browser-'));
    dataFile = join(dir, 'db.json');
    await mkdir(ARTEFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess('src/index.ts', { DATA_FILE: dataFile, CONVERSATIONS_FILE: join(dir, 'conversations.json') }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    expect(code, server?.output()).toBe(0);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    if (!server) return;
    const origin = new URL(server.url).origin;
    for (const { requests, errors } of watched.splice(0)) {
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((url) => new URL(url).origin !== origin), 'requests that left the local server').toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    }
  });

  /** A fresh browser context (no shared storage) with the page opened at `query`, every request and error recorded. */
  async function open(query: string, options: { viewport?: typeof DESKTOP; phone?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: options.viewport ?? DESKTOP,
      ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    contexts.push(context);
    const origin = new URL(server.url).origin;
    const record: Watched = { requests: [], errors: [] };
    watched.push(record);
    context.on('request', (request) => record.requests.push(request.url()));
    // Recorded above, then refused: nothing may leave the machine even if the page asked.
    await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') record.errors.push(message.text());
    });
    page.on('pageerror', (error) => record.errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => record.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    await turn(page, () => page.goto(`${server.url}/${query}`));
    return page;
  }

  /** Does `act`, then waits for the turn to finish: the page asks for the side panel once the replies are drawn. */
  async function turn(page: Page, act: () => Promise<unknown>): Promise<void> {
    const panel = page.waitForResponse((response) => response.url().includes('/local/panel?'));
    await act().catch((error) => {
      panel.catch(() => {}); // the action's own error is the one to report
      throw error;
    });
    expect((await panel).ok()).toBe(true);
  }

  const lastReply = (page: Page): Locator => page.locator('#log > li.entry.bot').last();
  const lastCard = (page: Page): Locator => lastReply(page).locator('.card');
  const button = (scope: Locator, name: string): Locator => scope.getByRole('button', { name, exact: true });
  /** A role's row of the role list: its own button, and "Afficher le rôle" beside it. */
  const roleRow = (page: Page, role: string): Locator =>
    lastCard(page).locator('.ac-columnSet').filter({ has: page.getByRole('button', { name: role, exact: true }) });
  /** French typography puts a no-break space before "?" and ":"; the tests compare with plain spaces. */
  const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
  const textOf = async (locator: Locator): Promise<string> => plain(await locator.innerText()).trim();
  const cardTitle = (page: Page): Promise<string> => textOf(lastCard(page).locator('.ac-textBlock').first());

  async function click(page: Page, name: string): Promise<void> {
    await turn(page, () => button(lastCard(page), name).click());
  }

  async function screenshot(page: Page, name: string): Promise<string> {
    const path = join(ARTEFACTS, `${name}.png`);
    await page.mouse.move(0, 0); // no hover colour on whatever button sits under the pointer
    await page.screenshot({ path });
    return path;
  }

  /** The text of each person in the side panel: "Name\nroles". */
  const panelPeople = async (page: Page): Promise<string[]> => (await page.locator('#panel-people > li').allInnerTexts()).map(plain);

  async function storeData(): Promise<{ practices: Array<{ grants: Array<Record<string, unknown>>; audit: Array<Record<string, unknown>> }> }> {
    return (await storeOnDisk(dataFile)) as unknown as Awaited<ReturnType<typeof storeData>>;
  }

  async function grantsOf(colleagueId: string, companyId: string): Promise<Array<Record<string, unknown>>> {
    const data = await storeData();
    return data.practices.flatMap((p) => p.grants).filter((g) => g.colleagueId === colleagueId && g.companyId === companyId);
  }

  it("does the help page's scenario in French: Ajouter un utilisateur … Afficher le rôle … Ajouter, and the panel and the store file show it", async () => {
    const page = await open('?lang=fr-FR');
    expect(await page.locator('#language').inputValue()).toBe('fr-FR');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await cardTitle(page)).toBe('Bonjour Claire');
    expect(await textOf(page.locator('#panel-company'))).toContain('Choisissez une entreprise cliente');
    await screenshot(page, '01-welcome');

    await click(page, 'Ajouter un utilisateur');
    expect(await cardTitle(page)).toBe('Quelle entreprise cliente ?');

    // Typed into the card's field, then its button clicked.
    await lastCard(page).locator('input').fill('boulangerie dupont');
    await click(page, 'Rechercher');
    expect(await cardTitle(page)).toBe('Qui doit avoir accès à Boulangerie Dupont SARL ?');
    // What was typed is shown as the person's message, not the button's title.
    expect(await textOf(page.locator('#log > li.entry.user').last())).toContain('boulangerie dupont');
    expect(await textOf(page.locator('#panel-company'))).toBe('Entreprise cliente : Boulangerie Dupont SARL');
    const before = await panelPeople(page);
    expect(before.map((p) => p.split('\n')[0])).toEqual(['Claire Martin', 'Julien Moreau', 'Sophie Bernard']);
    await screenshot(page, '02-company');

    // Typed into the card's field, then Enter, as in any form.
    await lastCard(page).locator('input').fill('Camille');
    await turn(page, () => lastCard(page).locator('input').press('Enter'));
    expect(await cardTitle(page)).toBe('Quel produit ?');
    expect(await textOf(lastCard(page))).toContain('Camille Leroy');

    await click(page, 'AutoEntry');
    expect(await cardTitle(page)).toBe('Quel rôle ?');

    // "Afficher le rôle" in the row of "Documents standard", not any other row's.
    const row = roleRow(page, 'Documents standard');
    expect(await row.count()).toBe(1);
    await turn(page, () => button(row, 'Afficher le rôle').click());
    expect(await cardTitle(page)).toBe('Documents standard');
    const preview = (await textOf(lastCard(page))).split('\n').map((line) => line.trim()).filter(Boolean);
    // Each permission, then whether it is allowed, in words too (for screen readers).
    const withStatus = (lines: string[]) =>
      lines.flatMap((line) => (line.startsWith('✓') ? [line, 'Autorisé'] : line.startsWith('✗') ? [line, 'Non autorisé'] : [line]));
    expect(preview.slice(preview.indexOf('Relevés bancaires'), preview.indexOf('Choisir ce rôle'))).toEqual(withStatus([
      'Relevés bancaires', '✓ Importer', '✓ Modifier', '✓ Supprimer',
      'Achats (factures et relevés fournisseurs)', '✓ Consulter', '✓ Importer', '✓ Modifier', '✗ Supprimer', '✗ Publier',
      'Ventes (factures)', '✓ Consulter', '✓ Importer', '✓ Modifier', '✗ Supprimer', '✗ Publier',
      'Documents simples',
      '✓ Importer les récapitulatifs de ventes', '✓ Modifier les récapitulatifs de ventes', '✓ Soumettre les achats en note de frais',
      '✓ Importer la TVA sur les ventes', '✓ Modifier la TVA sur les ventes', '✓ Supprimer la TVA sur les ventes',
      'Notes de frais', '✓ Soumettre', '✗ Approuver', '✗ Modifier avant approbation', '✗ Gérer les catégories',
      'Fichiers', '✗ Importer', '✗ Déplacer', '✗ Modifier', '✗ Supprimer', '✗ Télécharger',
      "Gestion de l'entreprise", "✗ Paramètres de l'entreprise", '✗ Gérer les personnes', '✗ Ajouter des entreprises',
    ]));
    // Allowed and not allowed look different, not only by their mark.
    const colours = await lastCard(page).locator('.ac-textBlock').evaluateAll((blocks) =>
      blocks.map((b) => ({ text: (b as HTMLElement).innerText.trim(), colour: getComputedStyle(b).color })),
    );
    const allowed = new Set(colours.filter((c) => c.text.startsWith('✓')).map((c) => c.colour));
    const notAllowed = new Set(colours.filter((c) => c.text.startsWith('✗')).map((c) => c.colour));
    expect(allowed.size).toBe(1);
    expect(notAllowed.size).toBe(1);
    expect([...allowed][0]).not.toBe([...notAllowed][0]);
    // The preview is taller than the window: it is shown from its title.
    expect(await lastCard(page).locator('.ac-textBlock').first().isVisible()).toBe(true);
    const titleBox = await lastCard(page).locator('.ac-textBlock').first().boundingBox();
    const logBox = await page.locator('#log').boundingBox();
    expect(titleBox!.y).toBeGreaterThanOrEqual(logBox!.y - 1);
    await screenshot(page, '03-role-preview');

    await click(page, 'Choisir ce rôle');
    expect(await cardTitle(page)).toBe('Langue préférée');

    await click(page, 'Français (France)');
    expect(await cardTitle(page)).toBe('Prêt à ajouter ?');
    const facts = await lastCard(page).locator('.ac-factset tr').allInnerTexts();
    expect(facts.map((fact) => plain(fact).replace(/\s+/g, ' ').trim())).toEqual([
      'Entreprise Boulangerie Dupont SARL',
      'Utilisateur Camille Leroy',
      'Produit AutoEntry',
      'Rôle Documents standard',
      'Langue préférée Français (France)',
    ]);
    await lastCard(page).locator('.ac-factset').scrollIntoViewIfNeeded();
    await screenshot(page, '04-summary');

    await click(page, 'Ajouter');
    expect(await cardTitle(page)).toBe("C'est fait");
    expect(await textOf(lastCard(page))).toContain('Ajouté : Documents standard dans AutoEntry pour Camille Leroy chez Boulangerie Dupont SARL.');
    const after = await panelPeople(page);
    expect(after.find((p) => p.startsWith('Camille Leroy'))).toMatch(/AutoEntry : Documents standard/);
    expect(after.find((p) => p.startsWith('Camille Leroy'))).toMatch(/Gestion des clients : De base/);
    const done = await screenshot(page, '05-done-with-panel');
    if (UPDATE_SCREENSHOT) {
      await mkdir(join(REPO, 'docs'), { recursive: true });
      await copyFile(done, README_SCREENSHOT);
    }

    // The store file on disk has the grant, made by the Business Owner, with the language chosen.
    await expect
      .poll(async () => (await grantsOf('demo-basic', 'co-boulangerie-dupont')).find((g) => g.product === 'autoentry'))
      .toMatchObject({
        companyId: 'co-boulangerie-dupont',
        colleagueId: 'demo-basic',
        product: 'autoentry',
        roleId: 'autoentry.documents-standard',
        language: 'fr-FR',
        updatedBy: 'demo-owner',
      });
    const audit = (await storeData()).practices.flatMap((p) => p.audit);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'grant-added', actorId: 'demo-owner', colleagueId: 'demo-basic', product: 'autoentry', outcome: 'done' }),
    );
  });

  it("fits a phone's width (390×844): no sideways scrolling, and the composer stays in view and works", async () => {
    const page = await open('?lang=fr-FR', { viewport: PHONE, phone: true });
    const noSidewaysScroll = async (step: string) => {
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        window: document.documentElement.clientWidth,
        overflowing: [...document.querySelectorAll('#log button, #log input, .card, .settings select')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => el.outerHTML.slice(0, 80)),
      }));
      expect({ step, ...widths }).toEqual({ step, page: widths.window, window: widths.window, overflowing: [] });
    };
    const composerInView = async () => {
      const box = await page.locator('#composer').boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height + 0.5);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width + 0.5);
    };
    await noSidewaysScroll('welcome');

    // The composer: tapped, typed into, sent with its button.
    await page.locator('#message').tap();
    await page.locator('#message').fill('ajouter un utilisateur');
    await turn(page, () => page.getByRole('button', { name: 'Envoyer' }).tap());
    expect(await cardTitle(page)).toBe('Quelle entreprise cliente ?');

    await lastCard(page).locator('input').fill('pâtisserie lefèvre');
    await turn(page, () => button(lastCard(page), 'Rechercher').tap());
    expect(await cardTitle(page)).toBe('Qui doit avoir accès à Pâtisserie Lefèvre ?');
    // The longest button title wraps instead of being cut or pushing the page wider.
    await noSidewaysScroll('person');

    await page.locator('#message').fill('Thomas');
    await turn(page, () => page.locator('#message').press('Enter'));
    expect(await cardTitle(page)).toBe('Quel produit ?');
    await turn(page, () => button(lastCard(page), 'AutoEntry').tap());
    expect(await cardTitle(page)).toBe('Quel rôle ?');
    await noSidewaysScroll('roles');
    await composerInView();
    await screenshot(page, '06-phone-roles');

    const row = roleRow(page, 'Administrateur des notes de frais');
    await turn(page, () => button(row, 'Afficher le rôle').tap());
    expect(await cardTitle(page)).toBe('Administrateur des notes de frais');
    await noSidewaysScroll('role preview');
    await composerInView();
    await screenshot(page, '07-phone-role-preview');
  });

  it('can be used with the keyboard alone: Tab to a card button, Enter or Space moves the flow on', async () => {
    const page = await open('?lang=fr-FR');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { tag: el?.tagName ?? '', label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '', inLastCard: !!el?.closest('#log > li:last-child .card') };
      });
    async function tabTo(label: string): Promise<void> {
      for (let presses = 0; presses < 40; presses++) {
        if ((await focused()).label === label) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached "${label}"; focus is on ${JSON.stringify(await focused())}`);
    }

    await tabTo('Ajouter un utilisateur');
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Quelle entreprise cliente ?');
    // Focus has moved on to the new card's field: no Tabbing back through the earlier cards.
    expect(await focused()).toMatchObject({ tag: 'INPUT', inLastCard: true });

    await page.keyboard.type('hôtel des voyageurs');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'BUTTON', label: 'Rechercher', inLastCard: true });
    await turn(page, () => page.keyboard.press('Space'));
    expect(await cardTitle(page)).toBe('Qui doit avoir accès à Hôtel des Voyageurs ?');
    expect(await focused()).toMatchObject({ tag: 'INPUT', inLastCard: true });

    await page.keyboard.type('Emma');
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Quel produit ?');
    await tabTo('AutoEntry');
    expect(await focused()).toMatchObject({ tag: 'BUTTON', inLastCard: true });
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Quel rôle ?');
    expect(await textOf(lastCard(page))).toContain('Emma Wilson');
  });

  it('switches the whole page between English and French with the language switch', async () => {
    const page = await open('');
    expect(await page.locator('#language').inputValue()).toBe('en-GB');
    expect(await cardTitle(page)).toBe('Hello Claire');
    expect(await textOf(page.locator('#panel-company'))).toBe('Pick a client company in the conversation to see who has access to it.');

    await turn(page, () => page.locator('#language').selectOption('fr-FR'));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await cardTitle(page)).toBe('Bonjour Claire');
    expect(await page.locator('#log > li').count()).toBe(1); // a new conversation, in French
    expect(await textOf(page.getByRole('button', { name: 'Envoyer' }))).toBe('Envoyer');
    expect(await textOf(page.locator('#panel-title'))).toBe('Qui a accès');
  });

  it('answers a colleague who may not change access (demo-standard) with the polite refusal, and changes nothing', async () => {
    const page = await open('?lang=fr-FR');
    const grantsBefore = (await storeData()).practices.flatMap((p) => p.grants).length;

    await turn(page, () => page.locator('#person').selectOption('demo-standard'));
    expect(await cardTitle(page)).toBe('Bonjour Sophie');
    expect(await page.locator('#log > li').count()).toBe(1); // a new conversation

    await page.locator('#message').fill('ajouter un utilisateur');
    await turn(page, () => page.locator('#message').press('Enter'));
    const refusal = await textOf(lastReply(page));
    expect(refusal).toContain('Seuls les administrateurs peuvent modifier les accès');
    expect(refusal).toContain(
      "Désolé, seuls le propriétaire du cabinet ou un administrateur dans Gestion des clients peuvent ajouter, modifier ou retirer l'accès de vos collègues.",
    );
    await screenshot(page, '08-refusal');
    expect((await storeData()).practices.flatMap((p) => p.grants)).toHaveLength(grantsBefore);

    // The same colleague from the address (?as=), as the README describes.
    const direct = await open('?lang=fr-FR&as=demo-standard');
    expect(await direct.locator('#person').inputValue()).toBe('demo-standard');
    expect(await cardTitle(direct)).toBe('Bonjour Sophie');
  });

  // Last: it adds two client companies to the store the other tests share.
  it('imports a CSV file chosen with the file picker, a labelled file input reached with the keyboard (French)', async () => {
    const page = await open('?lang=fr-FR');
    const picker = page.getByLabel('Importer un fichier…', { exact: true });
    expect(await picker.getAttribute('type')).toBe('file');
    const focused = () => picker.evaluate((el) => el === document.activeElement);
    for (let presses = 0; presses < 40 && !(await focused()); presses++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(true);
    // Its label, what shows, says it has the focus.
    expect(await page.locator('.file-button').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

    // The file dialog is the browser's own: choosing in it is what setInputFiles does.
    await turn(page, () => picker.setInputFiles(join(REPO, 'test/fixtures/import/companies-utf8-bom-commas.csv')));
    expect(await textOf(page.locator('#log > li.entry.user').last())).toBe('Vous\nFichier : companies-utf8-bom-commas.csv');
    expect(await cardTitle(page)).toBe('Importer ces entreprises clientes ?');
    const preview = await textOf(lastCard(page));
    expect(preview).toContain('Ligne 7 : le nom manque');
    expect(preview).toContain('Ligne 9 : identique à la ligne 2');
    await screenshot(page, '09-import-preview');

    await click(page, 'Importer 2 entreprises');
    expect(await textOf(lastCard(page))).toContain('Importées : 2 entreprises clientes.');
    const demo = (await storeOnDisk(dataFile)).practices.find((p) => p.id === 'demo')!;
    expect(demo.companies.map((c) => c.name)).toEqual(expect.arrayContaining(['Garage Leroy, Fils & Cie', 'Le "Petit" Café']));
  });
});
