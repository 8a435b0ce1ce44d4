// The words a spreadsheet may use for columns and values, in English and French: product and language
// names come from the words the assistant understands (locales/*/input.json), role and language labels
// from what it shows (locales/*/translation.json), so a name the chat shows is a name an import accepts.
import { LANGUAGES, PRODUCTS } from '../../flows/ports.ts';
import enInput from '../../locales/en/input.json' with { type: 'json' };
import frInput from '../../locales/fr/input.json' with { type: 'json' };
import en from '../../locales/en/translation.json' with { type: 'json' };
import fr from '../../locales/fr/translation.json' with { type: 'json' };
import { normalise } from '../conversation/normalise.ts';

/** Case, accents, punctuation and spacing ignored: "Rôle (Gestion des clients)" reads as "role gestion des clients". */
export function wordKey(text: string): string {
  return normalise(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const phrases = (list: string) => list.split('|').map(wordKey).filter(Boolean);

function lookup<T extends string>(entries: Array<[T, string[]]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, words] of entries) for (const word of words) if (!map.has(word)) map.set(word, code);
  return map;
}

const PRODUCT_WORDS = lookup(PRODUCTS.map((code) => [code, [
  code, en.products[code], fr.products[code], ...phrases(enInput.productNames[code]), ...phrases(frInput.productNames[code]),
].map(wordKey)]));

const LANGUAGE_WORDS = lookup(LANGUAGES.map((code) => [code, [
  code, code.replace('-', '_'), en.languages[code], fr.languages[code],
  ...phrases(enInput.languageNames[code]), ...phrases(frInput.languageNames[code]),
].map(wordKey)]));
// The bare language code, as "en" or "fr", means its first region (the one of the bare name).
LANGUAGE_WORDS.set('en', 'en-GB');
LANGUAGE_WORDS.set('fr', 'fr-FR');

type PracticeRoleKey = keyof typeof en.roles['client-management'];
const PRACTICE_ROLES = Object.keys(en.roles['client-management']) as PracticeRoleKey[];
const ROLE_WORDS = lookup(PRACTICE_ROLES.map((key) => [`client-management.${key}`, [
  key, `client-management.${key}`, en.roles['client-management'][key], fr.roles['client-management'][key],
].map(wordKey)]));

/** A spreadsheet repeats a handful of values in thousands of rows: each distinct one is looked up once. */
function remembered<T>(words: Map<string, T>): (text: string) => T | undefined {
  const seen = new Map<string, T | undefined>();
  return (text) => {
    if (seen.has(text)) return seen.get(text);
    const found = words.get(wordKey(text));
    // Bounded: a file of all-different values must not grow this without end.
    if (seen.size < 10_000) seen.set(text, found);
    return found;
  };
}

export const productOf = remembered(PRODUCT_WORDS);
export const languageOf = remembered(LANGUAGE_WORDS);
/** A Client Management role id ("client-management.standard") from its name in either language or its id. */
export const practiceRoleOf = remembered(ROLE_WORDS);

/** What each column may be headed, in English or French (keys as wordKey makes them). */
export const COLUMN_WORDS = {
  name: ['name', 'full name', 'company', 'company name', 'client', 'client name', 'colleague', 'user', 'nom', 'nom complet',
    'societe', 'nom de la societe', 'entreprise', 'raison sociale', 'dossier', 'collaborateur', 'utilisateur', 'prenom nom'],
  products: ['products', 'product', 'produits', 'produit'],
  email: ['email', 'e mail', 'mail', 'email address', 'e mail address', 'adresse e mail', 'adresse email', 'adresse mail', 'courriel'],
  role: ['role', 'client management role', 'practice role', 'role gestion des clients', 'role dans gestion des clients', 'role du cabinet'],
  language: ['language', 'preferred language', 'langue', 'langue preferee'],
} as const;
export type Column = keyof typeof COLUMN_WORDS;
