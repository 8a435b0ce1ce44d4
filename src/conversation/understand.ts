import type { LanguageCode, ProductCode } from '../../flows/ports.ts';
import { normalise } from './normalise.ts';
import {
  DEFAULT_ROLE_NAMES, INTENT_ORDER, INTENT_PHRASES, LANGUAGE_NAMES, PADDING, PERIODS, PRODUCT_NAMES, SEPARATORS,
  wordsOf, type Period, type Phrase,
} from './requestWords.ts';
import type { Ambiguity, RequestIntent, Understanding } from './understanding.ts';

// Reads a typed request against the practice's own data: each part of the sentence is claimed by the
// first reading that fits (e-mails, the action, dates, languages, products, roles, people, then what is
// left is searched as company names), forgiving typos, missing accents and polite padding.

export interface UnderstandLookups {
  findCompanies(practiceId: string, query: string): string[];
  company(practiceId: string, id: string): { name: string; products: ProductCode[] } | undefined;
  colleagueNames(practiceId: string): ReadonlyArray<{ id: string; name: string; email: string }>;
  colleagueByEmail(practiceId: string, email: string): string | undefined;
  customRoleNames(practiceId: string): Array<{ id: string; name: string; product: ProductCode }>;
}

const EMAIL = /[^\s@,;:<>()"'«»]+@[^\s@,;:<>()"'«»]+\.[A-Za-z]{2,}/g;
const EMAIL_TOKEN = /^zzmail(\d+)zz$/;
/** Words of company names that say what kind of company it is, not which. */
const LEGAL_FORMS = new Set(['sarl', 'sas', 'sa', 'eurl', 'sasu', 'sci', 'ltd', 'limited', 'llp', 'plc', 'inc', 'llc', 'co', 'fils', 'and']);

/** Two words are the same when equal, or a letter or two apart in a long enough word (a typo). */
export function sameWord(a: string, b: string, shortest = 4): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < shortest) return false;
  const limit = shorter >= 8 && Math.abs(a.length - b.length) <= 1 ? 2 : 1;
  if (shorter < 4 || Math.abs(a.length - b.length) > limit) return false;
  return editDistance(a, b, limit) <= limit;
}

/** Rows reused by every distance: words are short, and a sentence asks for thousands of distances. */
const ROWS = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Letters added, dropped, changed or swapped (Damerau–Levenshtein), stopping once past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (b.length >= 63) return limit + 1;
  let [before, previous, row] = ROWS;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return best;
    [before, previous, row] = [previous, row, before];
  }
  return previous[b.length];
}

interface Found<T> {
  value: T;
  phrase: Phrase;
  start: number;
  /** The positions the match used (a phrase with a gap leaves the gap's words alone). */
  used: number[];
}

class Sentence {
  readonly claimed: boolean[];
  constructor(readonly tokens: string[]) {
    this.claimed = tokens.map(() => false);
  }

  /** Where a phrase stands among the words not yet claimed; `fuzzy` forgives a typo in a word of at least that many letters (0: none). */
  find(phrase: Phrase, fuzzy = 0, from?: (start: number) => boolean): { start: number; used: number[] } | undefined {
    for (let start = 0; start < this.tokens.length; start++) {
      if (from && !from(start)) continue;
      const used = this.matchAt(phrase, 0, start, fuzzy);
      if (used) return { start, used };
    }
    return undefined;
  }

  private matchAt(phrase: Phrase, p: number, t: number, fuzzy: number): number[] | undefined {
    if (p === phrase.length) return [];
    if (phrase[p] === '...') {
      // A gap: one to four of the sentence's own words (a name), then the rest of the phrase.
      for (let gap = 1; gap <= 4 && t + gap <= this.tokens.length; gap++) {
        const rest = this.matchAt(phrase, p + 1, t + gap, fuzzy);
        if (rest) return rest;
      }
      return undefined;
    }
    if (t >= this.tokens.length || this.claimed[t]) return undefined;
    const word = this.tokens[t];
    if (!(fuzzy ? sameWord(word, phrase[p], fuzzy) : word === phrase[p])) return undefined;
    const rest = this.matchAt(phrase, p + 1, t + 1, fuzzy);
    return rest && [t, ...rest];
  }

  /** Whether only padding stands before this position (the sentence starts there). */
  leadsWith(position: number): boolean {
    return this.tokens.slice(0, position).every((w) => PADDING.has(w));
  }

  claim(positions: number[]) {
    for (const position of positions) this.claimed[position] = true;
  }

  /** The first of these phrases found (longest first), claimed. */
  take<T>(entries: Array<{ phrase: Phrase; value: T }>, fuzzy = 0, from?: (start: number) => boolean): Found<T> | undefined {
    for (const { phrase, value } of entries) {
      const at = this.find(phrase, fuzzy, from);
      if (at) {
        this.claim(at.used);
        return { value, phrase, ...at };
      }
    }
    return undefined;
  }

  /** Every match of these phrases, each claimed, in the order found. */
  takeAll<T>(entries: Array<{ phrase: Phrase; value: T }>, fuzzy = 0, from?: (start: number) => boolean): Array<Found<T>> {
    const all: Array<Found<T>> = [];
    for (let found = this.take(entries, fuzzy, from); found; found = this.take(entries, fuzzy, from)) all.push(found);
    return all;
  }

  /** Runs of words still unclaimed, cut only at claimed words and commas. */
  runs(): Array<{ words: string[]; positions: number[] }> {
    const runs: Array<{ words: string[]; positions: number[] }> = [];
    let current = { words: [] as string[], positions: [] as number[] };
    this.tokens.forEach((word, position) => {
      if (this.claimed[position] || word === ',') {
        if (current.words.length) runs.push(current);
        current = { words: [], positions: [] };
        return;
      }
      current.words.push(word);
      current.positions.push(position);
    });
    if (current.words.length) runs.push(current);
    return runs;
  }

  /** Runs of words still unclaimed, without padding, cut at separators ("and", ",") and claimed words. */
  spans(): Array<{ words: string[]; positions: number[] }> {
    const spans: Array<{ words: string[]; positions: number[] }> = [];
    let current: { words: string[]; positions: number[] } = { words: [], positions: [] };
    const cut = () => {
      if (current.words.some((w) => !PADDING.has(w))) spans.push(current);
      current = { words: [], positions: [] };
    };
    this.tokens.forEach((word, position) => {
      if (this.claimed[position] || word === ',' || SEPARATORS.some((s) => s.length === 1 && s[0] === word)) return cut();
      current.words.push(word);
      current.positions.push(position);
    });
    cut();
    return spans;
  }
}

/** Normalised words, with e-mail addresses kept whole (as zzmail<n>zz) and commas kept as separators. */
function tokenise(text: string): { tokens: string[]; emails: string[] } {
  const emails: string[] = [];
  const marked = text.replace(EMAIL, (email) => ` zzmail${emails.push(email.toLowerCase()) - 1}zz `).replace(/[,;]/g, ' , ');
  const tokens = normalise(marked).split(/[^a-z0-9,]+/).filter(Boolean);
  return { tokens, emails };
}

export interface UnderstandOptions {
  now?: Date;
  /**
   * Leave names unread when the sentence names no action, role, product, language or e-mail: then it
   * is a name typed at a step, which the step searches itself (buys: one company search per such turn, not two).
   */
  onlyRequests?: boolean;
}

export function understand(text: string, practiceId: string, practiceLookups: UnderstandLookups, { now = new Date(), onlyRequests = false }: UnderstandOptions = {}): Understanding {
  const { tokens, emails } = tokenise(text);
  const lookups = withSearchesKept(practiceLookups);
  const sentence = new Sentence(tokens);
  const result: Understanding = { companies: [] };

  // E-mail addresses: a colleague's names them; any other is someone to invite.
  const people: Array<{ id: string; start: number }> = [];
  tokens.forEach((token, position) => {
    const match = EMAIL_TOKEN.exec(token);
    if (!match) return;
    sentence.claim([position]);
    const email = emails[Number(match[1])];
    const colleague = lookups.colleagueByEmail(practiceId, email);
    if (colleague) people.push({ id: colleague, start: position });
    else result.email ??= email;
  });

  // The action: the most specific phrase wins; every action word found is claimed, so "give … the same
  // access as" leaves no "give" to be searched as a company.
  let intentAt: Found<RequestIntent> | undefined;
  // Exactly as written: "changes" is never "change".
  for (const intent of INTENT_ORDER) {
    const found = sentence.takeAll(INTENT_PHRASES[intent].map((phrase) => ({ phrase, value: intent })));
    if (found.length && !intentAt) intentAt = found[0];
  }

  const period = sentence.take<Period>(PERIODS);
  if (period) result.since = sinceOf(period.value, now);
  // Exactly as written: "François" is a name, not a mistyped "français".
  result.language = sentence.take<LanguageCode>(LANGUAGE_NAMES)?.value;

  const customRoles = lookups.customRoleNames(practiceId).map((role) => ({ phrase: wordsOf(role.name), value: role.id, product: role.product }));
  const roleNames = [...customRoles, ...DEFAULT_ROLE_NAMES].sort((a, b) => b.phrase.length - a.phrase.length);
  const roleFound = sentence.take<string>(roleNames, 4);
  // A name several roles share ("Administrator") names them all, until a product settles it.
  const roleCandidates = roleFound
    ? [...new Set(roleNames.filter((r) => r.phrase.join(' ') === roleFound.phrase.join(' ')).map((r) => r.value))]
    : [];
  result.product = sentence.take<ProductCode>(PRODUCT_NAMES, 4)?.value;
  if (onlyRequests && !intentAt && !roleFound && !result.product && !result.language && !result.email && !people.length) {
    return withoutEmpty(result);
  }

  // A colleague's whole name first (strong evidence, and it spares the company search those words); a first
  // name alone waits until whole company names have had theirs, a last name alone until every company has.
  const { byWholeName, byFirstName, byLastName } = namePhrases(lookups.colleagueNames(practiceId), tokens);
  let ambiguousPerson: Ambiguity | undefined;
  const takePeople = (entries: Array<{ phrase: Phrase; value: string }>) => {
    for (let found = sentence.take(entries, 4); found; found = sentence.take(entries, 4)) {
      const same = entries.filter((e) => e.phrase.join(' ') === found!.phrase.join(' '));
      if (same.length > 1) ambiguousPerson ??= { field: 'person', candidates: same.map((e) => e.value) };
      else people.push({ id: found.value, start: found.start });
    }
  };
  takePeople(byWholeName);

  // A company named in full first, separators and all ("Conseil Thomas & Fils", "Dupont et Fils"): its
  // words are never read as a person's first name or cut in two.
  // (Its search is the same query as the run's own, later, when nothing cuts the run: asked once.)
  for (const run of sentence.runs()) {
    const named = wholeCompanyIn(run.words, practiceId, lookups);
    if (!named) continue;
    result.companies.push(named.id);
    sentence.claim(run.positions.slice(named.start, named.end));
  }

  // An action with a typo ("chnage", "remvoe"), only where the sentence starts with it and once whole
  // company names have their words: the company "Cooper Consulting" is not the verb "couper".
  for (const intent of INTENT_ORDER) {
    const found = sentence.takeAll(INTENT_PHRASES[intent].map((phrase) => ({ phrase, value: intent })), 5, (start) => sentence.leadsWith(start));
    if (found.length && !intentAt) intentAt = found[0];
  }
  result.intent = intentAt?.value;

  takePeople(byFirstName);

  // What is left names companies, one per run of words.
  let ambiguousCompany: Ambiguity | undefined;
  for (const span of sentence.spans()) {
    const found = companyIn(span.words, practiceId, lookups);
    if (found.length === 1) {
      result.companies.push(found[0]);
      sentence.claim(span.positions);
    } else if (found.length > 1) {
      ambiguousCompany ??= { field: 'company', candidates: found };
      sentence.claim(span.positions);
    }
  }
  takePeople(byLastName);

  people.sort((a, b) => a.start - b.start);
  const ids = [...new Set(people.map((p) => p.id))];
  if (result.intent === 'copy') {
    // "give Sophie the same access as Julien": the one named after the phrase is the model; "copy Julien's access to Sophie": the first is.
    const sameAs = /same|memes|pareil|like|comme/.test(intentAt!.phrase.join(' '));
    const phraseEnd = intentAt!.used[intentAt!.used.length - 1];
    result.from = sameAs ? people.find((p) => p.start > phraseEnd)?.id : ids[0];
    result.person = ids.find((id) => id !== result.from);
  } else if (ids.length) {
    result.person = ids[0];
  }

  resolveRole(result, roleCandidates, practiceId, lookups);
  if (!result.intent && (result.roleId || result.product || result.language) && (result.person || result.email)) {
    // A language alone, for someone who already works with the practice, is a change of it.
    result.intent = result.language && !result.roleId && !result.product && result.person ? 'edit' : 'add';
  }
  const ambiguous = ambiguousCompany ?? (result.person ? undefined : ambiguousPerson);
  if (ambiguous) result.ambiguous = ambiguous;
  return withoutEmpty(result);
}

type NameEntry = { phrase: Phrase; value: string };
interface NamePhrases { byWholeName: NameEntry[]; byFirstName: NameEntry[]; byLastName: NameEntry[] }

/** The colleagues' names as phrases, made once per list the repository hands out (it hands out a new one when someone joins). */
const namesOfList = new WeakMap<object, NamePhrases>();

/** The name phrases that could match this sentence: a name whose first word starts as one of its words does (typos rarely start a word). */
function namePhrases(colleagues: ReadonlyArray<{ id: string; name: string }>, tokens: string[]): NamePhrases {
  let all = namesOfList.get(colleagues);
  if (!all) {
    const people = colleagues.map((c) => ({ id: c.id, words: wordsOf(c.name) }));
    const named = (phrasesOf: (words: string[]) => Phrase[]) => people.flatMap((c) => phrasesOf(c.words).map((phrase) => ({ phrase, value: c.id })));
    all = {
      byWholeName: named((w) => (w.length > 1 ? [w] : [])),
      byFirstName: named((w) => [w.slice(0, 1)]),
      byLastName: named((w) => (w.length > 1 ? [w.slice(1)] : [])),
    };
    namesOfList.set(colleagues, all);
  }
  const starts = new Set(tokens.map((t) => t.slice(0, 2)));
  const near = (list: NameEntry[]) => list.filter((e) => starts.has(e.phrase[0].slice(0, 2)));
  return { byWholeName: near(all.byWholeName), byFirstName: near(all.byFirstName), byLastName: near(all.byLastName) };
}

/** Whether a word of a sentence is a word of a name: typos, a missed space ("thamesvalley") or a split word forgiven. */
function inName(word: string, previous: string | undefined, name: string[]): boolean {
  if (name.some((n) => sameWord(word, n))) return true;
  if (previous && name.some((n) => sameWord(previous + word, n))) return true;
  return name.some((n, k) => k > 0 && sameWord(word, name[k - 1] + n));
}

/**
 * The companies a run of words names: found by the store's own search, then kept when the longest
 * stretch of the run their name holds is the longest of all (so words around a name do not hide it).
 */
function companyIn(span: string[], practiceId: string, lookups: UnderstandLookups): string[] {
  const meaningful = span.filter((w) => !PADDING.has(w));
  // "sas", "ltd" alone name a kind of company, not one.
  if (meaningful.every((w) => LEGAL_FORMS.has(w))) return [];
  let found = lookups.findCompanies(practiceId, meaningful.join(' '));
  // Words that belong to no name (an "any more" at the end) can make the search miss: try without the ends.
  for (let cut = 1; found.length === 0 && cut < meaningful.length; cut++) {
    found = lookups.findCompanies(practiceId, meaningful.slice(cut).join(' '));
    if (found.length === 0) found = lookups.findCompanies(practiceId, meaningful.slice(0, meaningful.length - cut).join(' '));
  }
  const scored = found.map((id) => {
    const name = wordsOf(lookups.company(practiceId, id)?.name ?? '');
    let best = 0;
    let run = 0;
    meaningful.forEach((w, i) => {
      const previous = meaningful[i - 1];
      const joined = previous !== undefined && name.some((n) => sameWord(previous + w, n));
      run = joined ? Math.max(run + 1, 2) : inName(w, undefined, name) ? run + 1 : 0;
      best = Math.max(best, run);
    });
    // Every word that tells this name apart was typed: "dupont freres" is Dupont Frères, not Boulangerie Dupont.
    const typed = meaningful.join('');
    const exact = name.filter((w) => !LEGAL_FORMS.has(w) && !PADDING.has(w))
      .every((n) => meaningful.some((w) => sameWord(w, n)) || typed.includes(n));
    return { id, best, exact };
  });
  const top = Math.max(0, ...scored.map((s) => s.best));
  if (top === 0) return [];
  const covering = scored.filter((s) => s.best === top);
  // A name that says no more than what was typed is the one meant ("dupont freres", not "dupont").
  const exact = covering.filter((s) => s.exact);
  return (exact.length === 1 ? exact : covering).map((s) => s.id);
}

/**
 * A company whose every word stands, in order and together, in a run of the sentence (typos forgiven):
 * the longest such name, with where it stands in the run.
 */
function wholeCompanyIn(run: string[], practiceId: string, lookups: UnderstandLookups): { id: string; start: number; end: number } | undefined {
  const meaningful = run.filter((w) => !PADDING.has(w));
  if (meaningful.length < 2) return undefined;
  let best: { id: string; start: number; end: number } | undefined;
  for (const id of lookups.findCompanies(practiceId, meaningful.join(' '))) {
    const name = wordsOf(lookups.company(practiceId, id)?.name ?? '');
    if (name.length < 2) continue;
    for (let start = 0; start + name.length <= run.length; start++) {
      if (name.every((n, k) => sameWord(run[start + k], n))) {
        if (!best || name.length > best.end - best.start) best = { id, start, end: start + name.length };
        break;
      }
    }
  }
  return best;
}

/** A role name that several products share is settled by the product named, or the company's products. */
function resolveRole(result: Understanding, candidates: string[], practiceId: string, lookups: UnderstandLookups) {
  if (candidates.length === 0) return;
  const productOf = (roleId: string) => (roleId.includes('.') ? roleId.slice(0, roleId.indexOf('.')) as ProductCode : lookups.customRoleNames(practiceId).find((r) => r.id === roleId)?.product);
  let fitting = result.product ? candidates.filter((r) => productOf(r) === result.product) : candidates;
  if (fitting.length > 1 && result.companies.length === 1) {
    const subscribed = lookups.company(practiceId, result.companies[0])?.products ?? [];
    const offered = fitting.filter((r) => subscribed.includes(productOf(r)!));
    if (offered.length === 1) fitting = offered;
  }
  if (fitting.length === 1) {
    result.roleId = fitting[0];
    result.product ??= productOf(fitting[0]);
  }
}

function sinceOf(period: Period, now = new Date()): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const back = { today: 0, yesterday: 1, week: 7, month: 30 }[period];
  return new Date(day.getTime() - back * 86_400_000).toISOString();
}

/** The store's search asked once per query within one sentence (the whole run, then its pieces, often repeat). */
function withSearchesKept(lookups: UnderstandLookups): UnderstandLookups {
  const kept = new Map<string, string[]>();
  return {
    ...lookups,
    colleagueNames: (practiceId) => lookups.colleagueNames(practiceId),
    customRoleNames: (practiceId) => lookups.customRoleNames(practiceId),
    company: (practiceId, id) => lookups.company(practiceId, id),
    colleagueByEmail: (practiceId, email) => lookups.colleagueByEmail(practiceId, email),
    findCompanies: (practiceId, query) => {
      let found = kept.get(query);
      if (!found) kept.set(query, (found = lookups.findCompanies(practiceId, query)));
      return found;
    },
  };
}

function withoutEmpty(result: Understanding): Understanding {
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as unknown as Understanding;
}
