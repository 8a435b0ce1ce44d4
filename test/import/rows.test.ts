// Rows to a preview: headers in English or French, values in either language, what is new, already
// there or refused (with its line and reason code).
import { describe, expect, it } from 'vitest';
import { colleagueRows } from '../../src/import/colleagueRows.ts';
import { companyRows } from '../../src/import/companyRows.ts';
import { readCsv } from '../../src/import/readCsv.ts';

function csv(text: string) {
  const read = readCsv(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.problem.reason);
  return read.table;
}

const noColleagues = { emails: new Set<string>(), clientDomains: new Set<string>() };

describe('companyRows', () => {
  it('reads products in either language, Client Management always first; AutoEntry with it when the cell is empty', () => {
    const result = companyRows(csv('Société;Produits\nA;Futrli, autoentry\nB;\nC;Gestion des clients / GoProposal\nD;client-management\n'), { names: new Set() });
    expect(result.ok && result.preview.fresh.map((row) => [row.line, row.item])).toEqual([
      [2, { name: 'A', products: ['client-management', 'autoentry', 'futrli'] }],
      [3, { name: 'B', products: ['client-management', 'autoentry'] }],
      [4, { name: 'C', products: ['client-management', 'goproposal'] }],
      [5, { name: 'D', products: ['client-management'] }],
    ]);
  });

  it('works without a products column', () => {
    const result = companyRows(csv('Company name\nA\n'), { names: new Set() });
    expect(result.ok && result.preview.fresh[0].item.products).toEqual(['client-management', 'autoentry']);
  });

  it('matches a company already there by name, accents, case and spacing ignored', () => {
    const result = companyRows(csv('Nom\n  CAFE  de l\'etoile \nNew one\n'), { names: new Set(["cafe de l'etoile"]) });
    expect(result.ok && result.preview).toMatchObject({ existing: [{ line: 2, name: "CAFE de l'etoile" }], fresh: [{ line: 3 }], refused: [] });
  });

  it('refuses a missing or overlong name, an unknown product and a second row of the same name', () => {
    const result = companyRows(csv(`Name,Products\n,AutoEntry\n${'x'.repeat(201)},\nA,Sage\nB,\nb,\n`), { names: new Set() });
    expect(result.ok && result.preview.refused).toEqual([
      { line: 2, reason: 'missing-name' },
      { line: 3, reason: 'name-too-long' },
      { line: 4, reason: 'unknown-product', value: 'Sage' },
      { line: 6, reason: 'duplicate-in-file', firstLine: 5 },
    ]);
  });

  it('says which column is missing', () => {
    expect(companyRows(csv('Products\nAutoEntry\n'), { names: new Set() })).toEqual({ ok: false, problem: { reason: 'missing-column', column: 'name' } });
  });
});

describe('colleagueRows', () => {
  it('reads roles and languages by their names in either language, or their codes', () => {
    const result = colleagueRows(csv([
      'Nom;Adresse e-mail;Rôle;Langue préférée',
      'A;a@x.fr;Administrateur;Français (Canada)',
      'B;b@x.fr;read only;en_US',
      'C;c@x.fr;client-management.practice-management;English',
      'D;d@x.fr;De base;fr',
    ].join('\n')), noColleagues);
    expect(result.ok && result.preview.fresh.map((row) => [row.item.practiceRole, row.item.language])).toEqual([
      ['client-management.administrator', 'fr-CA'],
      ['client-management.read-only', 'en-US'],
      ['client-management.practice-management', 'en-GB'],
      ['client-management.basic', 'fr-FR'],
    ]);
  });

  it('matches a colleague already there by e-mail, case ignored, whatever the name', () => {
    const result = colleagueRows(csv('Name,Email,Role,Language\nSomeone Else,CLAIRE@Cabinet.fr,Standard,en-GB\n'), { ...noColleagues, emails: new Set(['claire@cabinet.fr']) });
    expect(result.ok && result.preview).toMatchObject({ fresh: [], existing: [{ line: 2, name: 'Someone Else' }], refused: [] });
  });

  it('refuses each broken row with its reason, and the client\'s own staff (their domain or one under it)', () => {
    const result = colleagueRows(csv([
      'Name,E-mail,Role,Language',
      ',a@x.fr,Standard,en-GB',
      'B,,Standard,en-GB',
      'C,c@,Standard,en-GB',
      'D,d@x.fr,,en-GB',
      'E,e@x.fr,Intern,en-GB',
      'F,f@x.fr,Business Owner,en-GB',
      'G,g@x.fr,Standard,',
      'H,h@x.fr,Standard,Deutsch',
      'I,i@x.fr,Standard,en-GB',
      'I again,I@X.FR,Standard,en-GB',
      'J,j@paie.dupont.fr,Standard,en-GB',
    ].join('\r\n')), { ...noColleagues, clientDomains: new Set(['dupont.fr']) });
    expect(result.ok && result.preview.refused).toEqual([
      { line: 2, reason: 'missing-name' },
      { line: 3, reason: 'missing-email' },
      { line: 4, reason: 'bad-email', value: 'c@' },
      { line: 5, reason: 'missing-role' },
      { line: 6, reason: 'unknown-role', value: 'Intern' },
      { line: 7, reason: 'owner-role', value: 'Business Owner' },
      { line: 8, reason: 'missing-language' },
      { line: 9, reason: 'unknown-language', value: 'Deutsch' },
      { line: 11, reason: 'duplicate-in-file', firstLine: 10 },
      { line: 12, reason: 'client-staff', value: 'j@paie.dupont.fr' },
    ]);
    expect(result.ok && result.preview.fresh.map((row) => row.line)).toEqual([10]);
  });

  it('needs the four columns', () => {
    expect(colleagueRows(csv('Name,E-mail,Role\nA,a@x.fr,Standard\n'), noColleagues)).toEqual({ ok: false, problem: { reason: 'missing-column', column: 'language' } });
  });
});
