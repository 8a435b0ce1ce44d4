// The local chat page in a real browser (Debian's Chromium, driven by playwright-core): the help page's
// scenario done by clicking as a person would, a phone's width, the keyboard alone, a colleague who may
// not change access, and nothing loaded from outside the machine. Every step of the add-user flow is audited
// with axe-core (WCAG 2.1 A and AA, and best practices), in both languages and at both widths. Run with
// `npm run test:browser`.
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

/** axe-core, put into the page from the installed package (nothing is fetched), and what it audits. */
const AXE = join(REPO, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** One axe-core violation, as a line a failing test lists: where, which rule, how bad, on what. */
type Violation = string;

/** The add-user flow as the audit walks it: a company search with two results, an invitation, Show role, French. */
const WALKS = {
  'en-GB': {
    add: 'Add a user', search: 'Search', find: 'Find', invite: 'Invite them', showRole: 'Show role Documents standard', use: 'Use this role', confirm: 'Add',
    titles: {
      welcome: 'Hello Claire', 'company.search': 'Which client company?', 'company.choose': 'Which company do you mean?',
      'person.search': 'Who should have access to Dupont Frères?', 'person.invite': 'Invite someone new?', product: 'Which product?',
      'role.choose': 'Which role?', 'role.preview': 'Documents standard', language: 'Preferred language', confirm: 'Ready to add?', done: 'Done',
    },
  },
  'fr-FR': {
    add: 'Ajouter un utilisateur', search: 'Rechercher', find: 'Rechercher', invite: "L'inviter", showRole: 'Afficher le rôle Documents standard', use: 'Choisir ce rôle', confirm: 'Ajouter',
    titles: {
      welcome: 'Bonjour Claire', 'company.search': 'Quelle entreprise cliente ?', 'company.choose': "De quelle entreprise s'agit-il ?",
      'person.search': 'Qui doit avoir accès à Dupont Frères ?', 'person.invite': 'Inviter une nouvelle personne ?', product: 'Quel produit ?',
      'role.choose': 'Quel rôle ?', 'role.preview': 'Documents standard', language: 'Langue préférée', confirm: 'Prêt à ajouter ?', done: "C'est fait",
    },
  },
} as const;
const AUDITS = (['en-GB', 'fr-FR'] as const).flatMap((locale) => (['desktop', 'phone'] as const).map((width) => ({ locale, width })));


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

  /** Runs axe-core on the page (or within one element), the rules of AXE_TAGS or those named; one line per violation. */
  async function audit(page: Page, step: string, scope?: Locator, rules?: string[]): Promise<Violation[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: AXE_TAGS };
    const root = scope ? await scope.elementHandle() : null;
    const found = await page.evaluate(async ([element, only]) => {
      const results = await (window as any).axe.run(element ?? document, { runOnly: only });
      return (results.violations as any[]).map((v) => ({
        id: String(v.id),
        impact: String(v.impact),
        targets: (v.nodes as any[]).map((n) => n.target.join(' ')),
        summary: String(v.nodes[0]?.failureSummary ?? '').split('\n')[1]?.trim() ?? '',
      }));
    }, [root, runOnly] as const);
    return found.map((v) => `${step}: ${v.id} (${v.impact}) on ${v.targets.join(', ')}${v.summary ? ` — ${v.summary}` : ''}`);
  }

  /** The newest card's buttons of each look (positive, destructive, plain, a tappable row) hovered in turn, their colours audited so. */
  async function auditHovered(page: Page, step: string): Promise<Violation[]> {
    const looks = ['.ac-pushButton.style-positive', '.ac-pushButton.style-destructive', '.ac-pushButton:not(.style-positive):not(.style-destructive)', '.ac-container[role="button"]'];
    const found: Violation[] = [];
    for (const look of looks) {
      const target = lastCard(page).locator(look).first();
      if (!(await target.count())) continue;
      await target.hover();
      found.push(...(await audit(page, `${step}, ${look} hovered`, target, ['color-contrast'])));
    }
    await page.mouse.move(0, 0);
    return found;
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

    // "Afficher le rôle" in the row of "Documents standard", named by it for a screen reader.
    const row = roleRow(page, 'Documents standard');
    expect(await row.count()).toBe(1);
    expect(await textOf(button(row, 'Afficher le rôle Documents standard'))).toBe('Afficher le rôle');
    await turn(page, () => button(row, 'Afficher le rôle Documents standard').click());
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
    await turn(page, () => button(row, 'Afficher le rôle Administrateur des notes de frais').tap());
    expect(await cardTitle(page)).toBe('Administrateur des notes de frais');
    await noSidewaysScroll('role preview');
    await composerInView();
    await screenshot(page, '07-phone-role-preview');
  });

  /** Where focus is: the element's tag, its name (aria-label, else text), whether it is in the newest card, and that card's name. */
  const focusOf = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const card = el?.closest('.card');
      const named = card?.getAttribute('aria-labelledby');
      return {
        tag: el?.tagName ?? '',
        id: el?.id ?? '',
        label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
        inLastCard: !!el?.closest('#log > li:last-child .card'),
        card: named ? document.getElementById(named)?.textContent?.trim().replace(/[\u00a0\u202f]/g, ' ') ?? '' : '',
      };
    });

  /** Presses Tab until focus is on the control named `label` (at most 40 presses). */
  async function tabTo(page: Page, label: string): Promise<void> {
    for (let presses = 0; presses < 40; presses++) {
      if ((await focusOf(page)).label === label) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached "${label}"; focus is on ${JSON.stringify(await focusOf(page))}`);
  }

  /** The page's tab stops: every control Tab can reach, by its name, and whether it is in the newest card. */
  const tabStops = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex], [role="button"]')]
        .filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0)
        .map((el) => ({ label: el.getAttribute('aria-label') ?? el.id ?? '', inLog: !!el.closest('#log'), inLastCard: !!el.closest('#log > li:last-child .card') })),
    );

  it('can be used with the keyboard alone, the whole add-user flow: focus on each new card\'s first choice, earlier cards no longer tab stops', async () => {
    const page = await open('?lang=fr-FR');
    const expectFocus = async (expected: Partial<Awaited<ReturnType<typeof focusOf>>>) => expect(await focusOf(page)).toMatchObject({ inLastCard: true, ...expected });

    await tabTo(page, 'Ajouter un utilisateur');
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Quelle entreprise cliente ?');
    // Focus has moved on to the new card's field, the card named by its title: no Tabbing back through earlier cards.
    await expectFocus({ tag: 'INPUT', card: 'Quelle entreprise cliente ?' });

    await page.keyboard.type('dupont');
    await turn(page, () => page.keyboard.press('Enter'));
    // Two companies: focus is on the first, not on the field to search again drawn after them.
    await expectFocus({ tag: 'BUTTON', label: 'Dupont Frères', card: "De quelle entreprise s'agit-il ?" });
    await page.keyboard.press('Tab');
    await expectFocus({ label: 'Boulangerie Dupont SARL' });
    await page.keyboard.press('Shift+Tab');
    await turn(page, () => page.keyboard.press('Space'));
    await expectFocus({ tag: 'INPUT', card: 'Qui doit avoir accès à Dupont Frères ?' });

    await page.keyboard.type('clavier.seul@example.com');
    await turn(page, () => page.keyboard.press('Enter'));
    await expectFocus({ tag: 'BUTTON', label: "L'inviter", card: 'Inviter une nouvelle personne ?' });
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Quel produit ?');
    await tabTo(page, 'AutoEntry');
    await turn(page, () => page.keyboard.press('Enter'));
    await expectFocus({ label: 'Administrateur', card: 'Quel rôle ?' });

    // Each Show role is named by its role.
    await tabTo(page, 'Afficher le rôle Documents standard');
    await expectFocus({ tag: 'BUTTON' });
    await turn(page, () => page.keyboard.press('Enter'));
    await expectFocus({ label: 'Choisir ce rôle', card: 'Documents standard' });
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Langue préférée');
    await tabTo(page, 'Français (France)');
    await turn(page, () => page.keyboard.press('Enter'));
    await expectFocus({ label: 'Ajouter', card: 'Prêt à ajouter ?' });
    await turn(page, () => page.keyboard.press('Enter'));
    await expectFocus({ card: "C'est fait" });
    expect(await textOf(lastCard(page))).toContain('Ajouté : Documents standard dans AutoEntry pour clavier.seul@example.com chez Dupont Frères.');

    // After the flow, the conversation's tab stops are the newest card's alone; the earlier cards are still there to read.
    const stops = await tabStops(page);
    expect(stops.filter((stop) => stop.inLog && !stop.inLastCard)).toEqual([]);
    expect(stops.filter((stop) => stop.inLastCard).length).toBeGreaterThan(0);
    expect(await page.locator('#log .card').count()).toBe(11);
    expect(await page.locator('#log .card button[aria-disabled="true"]').count()).toBeGreaterThan(20);
    expect(await page.getByRole('group', { name: 'Quel rôle ?' }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Quel rôle ?' }).getByRole('button', { name: 'Afficher le rôle Documents standard' }).isDisabled()).toBe(true);
  });

  it('keeps a destructive button readable, hovered too: the confirmation of a removal passes axe-core (French)', async () => {
    const page = await open('?lang=fr-FR');
    await page.locator('#message').fill("retire l'accès AutoEntry de Sophie chez Boulangerie Dupont");
    await turn(page, () => page.locator('#message').press('Enter'));
    expect(await cardTitle(page)).toBe("Prêt à retirer l'accès ?");
    expect(await lastCard(page).locator('.ac-pushButton.style-destructive').count()).toBe(1);
    expect([...(await audit(page, 'confirm removal')), ...(await auditHovered(page, 'confirm removal'))]).toEqual([]);
  });

  it('changes the language and the colleague only when meant: arrow keys browse, Enter or leaving applies, and focus stays', async () => {
    const page = await open('');
    let turns = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/messages')) turns++;
    });
    await page.locator('#language').focus();

    // The arrow key changes the closed select's value, and nothing else.
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#language').inputValue()).toBe('fr-FR');
    await page.waitForTimeout(300);
    expect(turns).toBe(0);
    expect(await cardTitle(page)).toBe('Hello Claire');
    // Enter applies it: a new conversation in French, focus still on the select.
    await turn(page, () => page.keyboard.press('Enter'));
    expect(await cardTitle(page)).toBe('Bonjour Claire');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect((await focusOf(page)).id).toBe('language');

    // Leaving the select applies it too; focus goes where Tab sent it.
    await page.keyboard.press('Tab');
    expect((await focusOf(page)).id).toBe('person');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#person').inputValue()).toBe('demo-admin');
    await page.waitForTimeout(300);
    expect(await cardTitle(page)).toBe('Bonjour Claire');
    await turn(page, () => page.keyboard.press('Tab'));
    expect(await cardTitle(page)).toBe('Bonjour Julien');
    expect((await focusOf(page)).id).toBe('restart');

    // Escape puts back the value in use: leaving then changes nothing.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#person').inputValue()).toBe('demo-standard');
    await page.keyboard.press('Escape');
    expect(await page.locator('#person').inputValue()).toBe('demo-admin');
    const before = turns;
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(turns).toBe(before);
    expect(await cardTitle(page)).toBe('Bonjour Julien');
  });

  it('on a phone, scrolls a button reached with Tab clear of the message bar fixed at the bottom', async () => {
    const page = await open('?lang=fr-FR', { viewport: PHONE, phone: true });
    await page.locator('#message').fill('donne à telephone.seul@example.com le rôle Documents standard sur Boulangerie Dupont');
    await turn(page, () => page.locator('#message').press('Enter'));
    expect(await cardTitle(page)).toBe('Prêt à ajouter ?');
    // From the message field, Shift+Tab goes back through the file picker to the newest card's last button, then up it.
    const buttons = await lastCard(page).getByRole('button').count();
    await page.keyboard.press('Shift+Tab');
    const hidden: string[] = [];
    for (let i = 0; i < buttons; i++) {
      await page.keyboard.press('Shift+Tab');
      const place = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        const bar = document.getElementById('composer')!.getBoundingClientRect();
        return { label: el.getAttribute('aria-label') ?? '', inCard: !!el.closest('.card'), top: box.top, bottom: box.bottom, barTop: bar.top };
      });
      expect(place.inCard).toBe(true);
      if (place.bottom > place.barTop + 0.5 || place.top < 0) hidden.push(`${place.label}: ${place.top}–${place.bottom}, bar from ${place.barTop}`);
    }
    expect(hidden).toEqual([]);
  });

  it('lets the keyboard scroll the "Who has access" panel once it is longer than the window', async () => {
    const page = await open('?lang=fr-FR', { viewport: { width: 1280, height: 420 } });
    const panel = page.locator('#panel');
    expect(await panel.getAttribute('tabindex')).toBeNull(); // nothing to scroll yet: no extra tab stop
    await page.locator('#message').fill('qui a accès à Boulangerie Dupont ?');
    await turn(page, () => page.locator('#message').press('Enter'));
    expect(await panel.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await audit(page, 'panel overflowing')).toEqual([]);
    // Reached with Tab, named by its heading; the arrow keys scroll it.
    for (let presses = 0; presses < 60 && !(await panel.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Tab');
    expect(await panel.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('complementary', { name: 'Qui a accès' }).count()).toBe(1);
    await page.keyboard.press('PageDown');
    await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
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

  it.each(AUDITS)('passes axe-core (WCAG 2.1 A and AA, best practices) at every step of the add-user flow, buttons hovered too: $locale, $width', async ({ locale, width }) => {
    const walk = WALKS[locale];
    const page = await open(`?lang=${locale}`, width === 'phone' ? { viewport: PHONE, phone: true } : {});
    const violations: Violation[] = [];
    const step = async (name: keyof typeof walk.titles) => {
      expect(await cardTitle(page)).toBe(walk.titles[name]);
      violations.push(...(await audit(page, name)), ...(await auditHovered(page, name)));
    };

    await step('welcome');
    await click(page, walk.add);
    await step('company.search');
    await lastCard(page).locator('input').fill('dupont');
    await click(page, walk.search);
    await step('company.choose');
    await click(page, 'Dupont Frères');
    await step('person.search');
    await lastCard(page).locator('input').fill(`audit.${locale}.${width}@example.com`.toLowerCase());
    await click(page, walk.find);
    await step('person.invite');
    await click(page, walk.invite);
    await step('product');
    await click(page, 'AutoEntry');
    await step('role.choose');
    await click(page, walk.showRole);
    await step('role.preview');
    await click(page, walk.use);
    await step('language');
    await click(page, 'Français (France)');
    await step('confirm');
    await click(page, walk.confirm);
    await step('done');
    expect(violations).toEqual([]);
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
