// What understanding one typed sentence costs (issue 18: under 5 ms p95 on the large practice): the
// parser alone, in the benchmark's process, over the practice's own store and search, on requests
// written from the generated practice's own companies and colleagues, in English and French, some with
// a typo in the company's name, accents left out or polite padding.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { understand } from '../../src/conversation/understand.ts';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import { openStore } from '../support/openStore.ts';
import type { Colleague, Company, StoreData } from '../../src/domain/schema.ts';
import { random, type Random } from './generatePractice.ts';
import type { Percentiles } from './report.ts';

export interface UnderstandingFigures extends Percentiles {
  max: number;
  /** CPU time per sentence, all the process's threads (V8's collector helpers included), beside the wall time the goal is on. */
  cpuP50: number;
  cpuP95: number;
  /** Sentences naming a company whose company the parser found: a check that the sentences are read, not timed at random. */
  companiesFound: number;
  companySentences: number;
}

interface Request {
  text: string;
  /** The company the sentence names, if any. */
  companyId?: string;
}

const LEGAL_FORMS = new Set(['SARL', 'SAS', 'EURL', 'SA', 'Ltd', 'Limited', 'LLP']);
const withoutAccents = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '');

/** A letter dropped, or two swapped, in one of the name's longer words. */
function typo(r: Random, name: string): string {
  const words = name.split(' ');
  const long = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 6);
  if (long.length === 0) return name;
  const { w, i } = r.pick(long);
  const at = 1 + Math.floor(r.next() * (w.length - 2));
  words[i] = r.chance(0.5) ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  return words.join(' ');
}

/** The company's name as someone might type it: as is, without accents, with a typo, or without its legal form. */
function typedCompany(r: Random, company: Company): string {
  const roll = r.next();
  if (roll < 0.45) return company.name;
  if (roll < 0.65) return withoutAccents(company.name).toLowerCase();
  if (roll < 0.85) return typo(r, company.name);
  return company.name.split(' ').filter((w) => !LEGAL_FORMS.has(w)).join(' ');
}

type Template = (c: string, person: Colleague, other: Colleague, n: number) => string;
const first = (p: Colleague) => p.name.split(' ')[0];

const WITH_COMPANY: Template[] = [
  (c, p) => `give ${p.name} Documents basic on AutoEntry at ${c}`,
  (c, p) => `could you please give ${withoutAccents(p.name)} Expenses standard at ${c}, thanks`,
  (c) => `who has access to ${c}?`,
  (c, p) => `change ${first(p)}'s role at ${c} to Files admin`,
  (c, p) => `please remove ${p.name} from ${c}`,
  (c) => `what changed at ${c} this week`,
  (c, _p, _o, n) => `invite new.starter${n}@example.com to ${c} as Files basic`,
  (c, p) => `donne à ${p.email} le rôle Documents standard sur ${c}`,
  (c) => `qui a accès à ${c} ?`,
  (c) => `qui a acces a ${withoutAccents(c)}`,
  (c, p) => `pourriez-vous donner à ${p.name} les Fichiers de base sur ${c} s'il vous plaît`,
  (c, p) => `passe ${first(p)} en Administrateur des fichiers sur ${c}`,
  (c, p) => `retire l'accès de ${withoutAccents(p.name)} à ${c}, merci`,
  (c) => `historique de ${c} cette semaine`,
];
const WITHOUT_COMPANY: Template[] = [
  (_c, p, o) => `give ${first(p)} the same access as ${o.name}`,
  (_c, p) => `what access does ${p.name} have?`,
  (_c, p, o) => `donne à ${p.name} les mêmes accès que ${first(o)}`,
  (_c, p) => `quels accès a ${withoutAccents(p.name)} ?`,
];

/** `count` requests from the practice's own data, the same for the same seed; one in eight names no company. */
export function requestSentences(data: StoreData, count: number, seed = 18): Request[] {
  const r = random(seed);
  const practice = data.practices[0];
  const people = practice.colleagues;
  return Array.from({ length: count }, (_, n) => {
    const person = r.pick(people);
    const other = r.pick(people);
    if (n % 8 === 7) return { text: r.pick(WITHOUT_COMPANY)('', person, other, n) };
    const company = r.pick(practice.companies);
    return { text: r.pick(WITH_COMPANY)(typedCompany(r, company), person, other, n), companyId: company.id };
  });
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Nearest rank, in ms to the microsecond: a sentence costs well under a millisecond on a small practice. */
function rank(sorted: number[], p: number): number {
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

/**
 * Opens the practice in a temporary store, reads `count` sentences `warmUp` times in all first (so V8 has
 * compiled the parser and the search), then times each sentence once.
 */
export async function measureUnderstanding(data: StoreData, practiceId: string, count: number, options: { warmUp: number }): Promise<UnderstandingFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'access-bench-understanding-'));
  try {
    const repository = new AccessRepository(await openStore(join(dir, 'store.json'), data));
    const requests = requestSentences(data, count);
    for (let n = 0; n < options.warmUp; n++) understand(requests[n % requests.length].text, practiceId, repository);
    const times: number[] = [];
    const cpu: number[] = [];
    let companiesFound = 0;
    for (const request of requests) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const understood = understand(request.text, practiceId, repository);
      const used = process.cpuUsage(cpuStart);
      times.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
      if (request.companyId && understood.companies.includes(request.companyId)) companiesFound += 1;
    }
    const sorted = times.sort((a, b) => a - b);
    const cpuSorted = cpu.sort((a, b) => a - b);
    return {
      count: sorted.length, p50: rank(sorted, 50), p95: rank(sorted, 95), p99: rank(sorted, 99), max: round(sorted[sorted.length - 1]),
      cpuP50: rank(cpuSorted, 50), cpuP95: rank(cpuSorted, 95),
      companiesFound, companySentences: requests.filter((q) => q.companyId).length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
