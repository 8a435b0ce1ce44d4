// Finding companies and colleagues from what people type, through the repository.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessRepository } from '../../src/repository/accessRepository.ts';
import { normalise } from '../../src/search/search.ts';
import { change, openRepository } from './helpers.ts';

let repo: AccessRepository;
beforeAll(async () => {
  ({ repo } = await openRepository());
});

const companies = (query: string, practice = 'demo') => repo.findCompanies(practice, query);
const colleagues = (query: string) => repo.findColleagues('demo', query);

describe('company search', () => {
  it.each([
    ['boulangerie dupont', 'co-boulangerie-dupont'],
    ['BOULANGERIE DUPONT', 'co-boulangerie-dupont'],
    ['cafe de l etoile', 'co-cafe-etoile'],
    ['Café de l’Étoile', 'co-cafe-etoile'],
    ['thames plumbng', 'co-thames-valley-plumbing'],
    ['patisserie lefevre', 'co-patisserie-lefevre'],
    ['hotel voyageurs', 'co-hotel-voyageurs'],
    ['garage leroi', 'co-garage-leroy'],
    ['green leaf', 'co-green-leaf'],
    ['greenleaf', 'co-greenleaf-gardens'],
  ])('"%s" finds %s first', (query, id) => {
    expect(companies(query)[0]).toBe(id);
  });

  it('"dupon" finds both Dupont companies, ahead of anything else', () => {
    expect(companies('dupon').slice(0, 2).sort()).toEqual(['co-boulangerie-dupont', 'co-dupont-freres']);
  });

  it('forgives a space missed or added between words', () => {
    expect(companies('greenleaf consulting')[0]).toBe('co-green-leaf');
    expect(companies('thamesvalley plumbing')[0]).toBe('co-thames-valley-plumbing');
    expect(companies('boulang erie dupont')[0]).toBe('co-boulangerie-dupont');
  });

  it('"leroy" finds the garage among companies and Camille among colleagues', () => {
    expect(companies('leroy')[0]).toBe('co-garage-leroy');
    expect(colleagues('leroy')[0]).toBe('demo-basic');
  });

  it('offers no far weaker guesses beside a clear hit', () => {
    expect(companies('leroy')).toEqual(['co-garage-leroy']);
    expect(companies('boulangerie dupont')).toEqual(['co-boulangerie-dupont']);
    expect(colleagues('amelie')).toEqual(['demo-admin-2']);
  });

  it('finds nothing for a blank or nonsense query', () => {
    for (const query of ['', '   ', "'!^$", 'zzzzqqq', 'xkcdwq']) {
      expect(companies(query)).toEqual([]);
      expect(colleagues(query)).toEqual([]);
    }
  });

  it('gives at most eight, and only the practice’s own companies', () => {
    expect(companies('a').length).toBe(8);
    expect(companies('boulangerie dupont lille')).not.toContain('co-north-boulangerie-dupont');
    expect(companies('boulangerie dupont', 'north')).toEqual(['co-north-boulangerie-dupont']);
    expect(companies('dupont', 'nowhere')).toEqual([]);
  });
});

describe('colleague search', () => {
  it.each([
    ['camille.leroy@cabinet-martin.fr', 'demo-basic'],
    ['CAMILLE.LEROY@CABINET-MARTIN.FR', 'demo-basic'],
    ['camille.leroy', 'demo-basic'],
    ['emma.wilsn@cabinet-martin.fr', 'demo-practice'],
    ['sofie bernard', 'demo-standard'],
    ['amelie', 'demo-admin-2'],
    ['claire martn', 'demo-owner'],
    ['lucas', 'demo-invited'],
  ])('"%s" finds %s first', (query, id) => {
    expect(colleagues(query)[0]).toBe(id);
  });

  it('finds a colleague added after the index was built', async () => {
    expect(colleagues('nadia.roux')).toEqual([]);
    const result = await repo.commit(change({ person: { kind: 'invitee', email: 'nadia.roux@cabinet-martin.fr' } }));
    expect(result.status).toBe('done');
    expect(colleagues('nadia.roux')).toEqual([repo.colleagueByEmail('demo', 'nadia.roux@cabinet-martin.fr')]);
  });
});

it('normalises case, accents and punctuation', () => {
  expect(normalise("  Café de l'Étoile — Garage Leroy & Fils ")).toBe('cafe de l etoile garage leroy fils');
});
