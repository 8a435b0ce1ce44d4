// A generated practice for the benchmark: realistic French and English client companies and colleagues,
// the same practice for the same seed and sizes. It is the demo practice's stand-in (id `demo`,
// owner `demo-owner`), so local-mode activities without a tenant land in it.
import type { LanguageCode, ProductCode } from '../../flows/ports.ts';
import { catalogue } from '../../src/domain/catalogue.ts';
import type { Colleague, Company, Grant, StoreData } from '../../src/domain/schema.ts';
import { normalise } from '../../src/search/search.ts';

export interface PracticeSize {
  companies: number;
  colleagues: number;
  grants: number;
  /** Administrators besides the owner: `demo-admin-1`…; each benchmark conversation acts as one of them. */
  admins: number;
  /** Conversations already in the conversations file (flows left part-way by the practice's people); the benchmark writes them. */
  storedConversations?: number;
}

export const SMALL: PracticeSize = { companies: 100, colleagues: 20, grants: 1_000, admins: 5, storedConversations: 100 };
export const LARGE: PracticeSize = { companies: 20_000, colleagues: 500, grants: 100_000, admins: 25, storedConversations: 5_000 };
/** --quick keeps the benchmark working in the test suite: the same steps on a tenth of the large practice. */
export const QUICK_LARGE: PracticeSize = { companies: 2_000, colleagues: 100, grants: 10_000, admins: 10, storedConversations: 500 };
/**
 * The large practice five times over (issue 21: start-up and memory whatever the data's size); its stored
 * conversations are MAX_CONVERSATIONS' default, as many as the assistant keeps.
 */
export const FIVE_TIMES_LARGE: PracticeSize = { companies: 100_000, colleagues: 2_500, grants: 500_000, admins: 25, storedConversations: 20_000 };
/** A tenth of it, for --quick. */
export const QUICK_FIVE_TIMES_LARGE: PracticeSize = { companies: 10_000, colleagues: 250, grants: 50_000, admins: 10, storedConversations: 2_000 };

const FR_SURNAMES = `Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel
Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Legrand
Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Fontaine
Chevalier Robin Masson Gérard Boyer Denis Lemaire Duval Joly Roche Roy Noël Meyer Lucas Meunier Marchand Dufour Blanchard
Barbier Brun Dumas Brunet Schmitt Leroux Colin Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud
Lemoine Picard Gaillard Lacroix Fabre Dupuis Olivier Hubert Guillot Rivière Guillaume Adam Moulin Berger Lecomte Ménard
Fleury Deschamps Carpentier Benoît Maillard Marchal Aubry Vasseur Renault Jacquet Collet Prévost Poirier Charpentier
Royer Huet Baron Dupuy Pons Carré Breton Rémy Schneider Perrot Guyot Barre Marty Cousin Tremblay Gagnon Côté Bouchard
Pelletier Bélanger Lévesque Bergeron Leblanc Paquette Girouard Beaulieu`.split(/\s+/);
const EN_SURNAMES = `Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White
Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose Davis Cox Alexander Morgan
Moore Price Hughes Turner Harris Cooper Baker Carter Edwards Hill Lee Allen King Scott Young Ward Morris Bennett Campbell
Bailey Kelly Murphy Parker Collins Stewart Shaw Chapman Ellis Harrison Fletcher Spencer Holmes Marshall Knight Webb
Barnes Palmer Mills Fox Hunt Russell Gibson Pearson Fisher Cole Armstrong Dixon Watson Graham Kennedy Reid Murray Grant
Hamilton Ross Henderson Burns Fraser Douglas Ferguson Gordon Sinclair Lawrence Owen Lloyd Jenkins Booth Payne Hudson`.split(/\s+/);
const FR_FIRST = `Claire Julien Sophie Camille Thomas Amélie Lucas Emma Léa Chloé Manon Inès Jade Louise Alice Lina Hugo
Louis Gabriel Arthur Jules Adam Raphaël Nathan Théo Paul Nicolas Antoine Mathilde Pauline Céline Nathalie Isabelle
Sylvie Valérie Stéphanie Aurélie Élodie Margaux Océane Benoît Olivier Philippe Pierre François Laurent Sébastien
Guillaume Romain Maxime Clément Baptiste Étienne Hélène Agathe Zoé Juliette Victor Mathis Noémie Gaëlle`.split(/\s+/);
const EN_FIRST = `James Oliver Harry Jack George Noah Charlie Jacob Alfie Freddie Oscar Leo William Thomas Emily Olivia
Amelia Isla Ava Jessica Lily Sophie Grace Chloe Mia Ruby Ella Evie Sarah Rachel Hannah Laura Rebecca Charlotte Lucy
Daniel Matthew Andrew David Michael Christopher Edward Samuel Benjamin Joseph Katie Megan Abigail Holly Eleanor Fiona
Alistair Callum Rhys Gareth Siobhan Niamh Aidan Priya Ravi Anjali Mohammed Aisha`.split(/\s+/);
const FR_TRADES = `Boulangerie Pâtisserie Boucherie Charcuterie Fromagerie Garage Carrosserie Plomberie Menuiserie Électricité
Maçonnerie Couverture Peinture Pharmacie Librairie Fleuriste Coiffure Institut Hôtel Restaurant Brasserie Café Cave
Épicerie Transports Imprimerie Serrurerie Chauffage Jardins Optique Immobilier Architecture Conseil Taxi Ambulances
Nettoyage Traiteur Crêperie Cabinet Auto-école Ébénisterie Vitrerie Domaine Atelier`.split(/\s+/);
const FR_PLACES = ['du Lac', 'de la Gare', 'du Centre', 'des Alpes', 'du Port', 'de Provence', 'du Marais', 'de Bretagne',
  "d'Alsace", 'de Normandie', 'du Vieux Port', 'des Halles', "de l'Étoile", 'du Parc', 'de la Loire', 'du Rhône',
  'des Voyageurs', 'de la Place', 'du Moulin', 'des Vignes', 'de Savoie', 'du Littoral', 'de la Côte', 'des Tilleuls'];
const FR_SUFFIXES = ['SARL', 'SAS', 'EURL', 'SA', '& Fils', 'Frères', 'et Associés', ''];
const EN_TRADES = `Plumbing Joinery Electrical Builders Roofing Bakery Butchers Florist Dental Veterinary Pharmacy Garage Motors
Carpentry Landscaping Consulting Design Catering Cleaning Removals Haulage Lettings Architects Printing Tailoring
Opticians Brewery Scaffolding Glazing Plastering Decorating Physiotherapy Nursery Fitness Engineering Logistics
Interiors Media Software Heating`.split(/\s+/);
const EN_PLACES = `Thames Valley|Cotswold|Pennine|Yorkshire|Kentish|Sussex|Mersey|Severn|Chiltern|Wessex|Highland|Lakeland|
Cheshire|Devon|Cornish|Norfolk|Suffolk|Mendip|Peak District|Avon|Tyneside|Solent|Clydeside|Dorset|Weald|Fenland|Harbour|
Riverside|Northgate|Oakwood|Green Leaf|Ashford|Millbrook|Kingsway|Westfield|Hillside|Brookfield|Meadowbank`.split(/\|\s*/);
const EN_SUFFIXES = ['Ltd', 'Limited', 'LLP', '& Sons', '& Co', 'Partners', ''];
const PRACTICE_ROLES = [
  'client-management.standard', 'client-management.standard', 'client-management.basic',
  'client-management.read-only', 'client-management.practice-management',
];
const FR_LANGUAGES: LanguageCode[] = ['fr-FR', 'fr-FR', 'fr-CA'];
const EN_LANGUAGES: LanguageCode[] = ['en-GB', 'en-GB', 'en-US', 'en-CA'];
const OWNER_ROLE = 'client-management.business-owner';

/** mulberry32: a small, fast PRNG, so the same seed gives the same practice on every machine. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof random>;

const slug = (name: string) => normalise(name).replace(/ /g, '-');

function companyName(r: Random): { name: string; tld: string } {
  if (r.chance(0.55)) {
    const trade = r.pick(FR_TRADES);
    const name = r.chance(0.7) ? `${trade} ${r.pick(FR_SURNAMES)}` : `${trade} ${r.pick(FR_PLACES)}`;
    return { name: `${name} ${r.pick(FR_SUFFIXES)}`.trim(), tld: 'fr' };
  }
  const trade = r.pick(EN_TRADES);
  const roll = r.next();
  const name = roll < 0.45 ? `${r.pick(EN_SURNAMES)} ${trade}`
    : roll < 0.8 ? `${r.pick(EN_PLACES)} ${trade}`
      : `${r.pick(EN_SURNAMES)} & ${r.pick(EN_SURNAMES)} ${trade}`;
  return { name: `${name} ${r.pick(EN_SUFFIXES)}`.trim(), tld: 'co.uk' };
}

function companies(r: Random, count: number): Company[] {
  const seen = new Set<string>();
  const list: Company[] = [];
  while (list.length < count) {
    const { name, tld } = companyName(r);
    if (seen.has(name)) continue;
    seen.add(name);
    const products: ProductCode[] = ['client-management'];
    if (r.chance(0.85)) products.push('autoentry');
    if (r.chance(0.3)) products.push('goproposal');
    if (r.chance(0.2)) products.push('futrli');
    list.push({ id: `co-${String(list.length + 1).padStart(5, '0')}`, name, products, emailDomains: [`${slug(name).slice(0, 40)}.${tld}`] });
  }
  return list;
}

function colleagues(r: Random, size: PracticeSize): Colleague[] {
  const seen = new Set<string>();
  const list: Colleague[] = [];
  while (list.length < size.colleagues) {
    const french = r.chance(0.6);
    const name = `${r.pick(french ? FR_FIRST : EN_FIRST)} ${r.pick(french ? FR_SURNAMES : EN_SURNAMES)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const n = list.length;
    const id = n === 0 ? 'demo-owner' : n <= size.admins ? `demo-admin-${n}` : `demo-colleague-${n}`;
    const practiceRole = n === 0 ? OWNER_ROLE : n <= size.admins ? 'client-management.administrator' : r.pick(PRACTICE_ROLES);
    list.push({
      id, name, email: `${slug(name).replace(/-/g, '.')}@cabinet-martin.fr`, language: r.pick(french ? FR_LANGUAGES : EN_LANGUAGES),
      status: 'active', practiceRole,
    });
  }
  return list;
}

function grants(r: Random, count: number, companyList: Company[], people: Colleague[]): Grant[] {
  const held = new Set<string>();
  const list: Grant[] = [];
  const start = Date.parse('2024-01-01T00:00:00Z');
  while (list.length < count) {
    const company = r.pick(companyList);
    const colleague = r.pick(people);
    const product = r.pick(company.products);
    const key = `${company.id}|${colleague.id}|${product}`;
    if (held.has(key)) continue;
    held.add(key);
    const owner = colleague.practiceRole === OWNER_ROLE && product === 'client-management';
    const roles = catalogue.defaultRoles(product).map((role) => role.id).filter((id) => id !== OWNER_ROLE);
    const at = new Date(start + Math.floor(r.next() * 600 * 86_400_000)).toISOString();
    list.push({
      id: `grant-${String(list.length + 1).padStart(6, '0')}`, companyId: company.id, colleagueId: colleague.id, product,
      roleId: owner ? OWNER_ROLE : r.pick(roles), language: colleague.language, version: 1 + Math.floor(r.next() * 3),
      updatedAt: at, updatedBy: 'demo-owner',
    });
  }
  return list;
}

/** A store holding one practice of the given size (the grants are capped at what the pairs allow). */
export function generatePractice(size: PracticeSize, seed = 20251103): StoreData {
  const r = random(seed);
  const companyList = companies(r, size.companies);
  const people = colleagues(r, size);
  const pairs = companyList.reduce((sum, company) => sum + company.products.length, 0) * people.length;
  return {
    schemaVersion: 1,
    practices: [{
      id: 'demo',
      name: 'Cabinet Martin & Associés',
      tenantId: '7d3c9a52-5f1e-4b8a-9c2d-1e0f3a4b5c6d',
      colleagues: people,
      companies: companyList,
      customRoles: [],
      grants: grants(r, Math.min(size.grants, Math.floor(pairs * 0.8)), companyList, people),
      invitations: [],
      audit: [],
    }],
  };
}

/**
 * The conversations file of a practice in use: `count` flows left part-way (a company found, a colleague
 * being chosen), as the assistant stores them, active today so housekeeping keeps them.
 */
export function storedConversations(data: StoreData, count: number, now = new Date()): Record<string, unknown> {
  const practice = data.practices[0];
  const admins = practice.colleagues.filter((c) => c.practiceRole === 'client-management.administrator' || c.id === 'demo-owner');
  const records: Record<string, unknown> = {};
  for (let i = 0; i < count; i += 1) {
    const actor = admins[i % admins.length];
    const company = practice.companies[(i * 7) % practice.companies.length];
    records[`flow/msteams/a:stored-${i}/${practice.id}/${actor.id}`] = {
      flowVersion: 1,
      seq: 3,
      lastActive: now.toISOString(),
      eTag: `stored-${i}`,
      snapshot: {
        status: 'active', value: { person: 'search' }, historyValue: {}, children: {},
        context: {
          mode: 'add', companyMatches: [company.id], companyId: company.id, personMatches: [], pendingEmail: null, person: null,
          product: null, roleId: null, previewRoleId: null, draft: null, language: null, current: null, addCmBasic: true,
          cmBasicIncluded: false, editing: null, result: null, practiceId: practice.id, actorId: actor.id,
        },
      },
    };
  }
  return records;
}
