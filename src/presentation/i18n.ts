import i18next, { type TFunction } from 'i18next';
import en from '../../locales/en/translation.json' with { type: 'json' };
import fr from '../../locales/fr/translation.json' with { type: 'json' };

// One instance for the whole process, initialised once. Its language is never switched: each turn
// takes a fixed `t` for the person talking, so two conversations at once cannot swap languages.

export type AssistantLanguage = 'en' | 'fr';
export const ASSISTANT_LANGUAGES: readonly AssistantLanguage[] = ['en', 'fr'];

export const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ASSISTANT_LANGUAGES,
  initAsync: false,
  // Values are names and e-mails shown as text, never HTML: escaping would turn "l'Étoile" into "l&#39;Étoile".
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The assistant speaks English and French; regional variants (fr-CA, en-US…) fall back to the base. */
export function languageOf(locale?: string | null): AssistantLanguage {
  const base = (typeof locale === 'string' ? locale : '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'fr' ? 'fr' : 'en';
}

const translators = new Map<AssistantLanguage, TFunction>();
/** Enough for every sentence with the names of a busy day in it; then the cache starts again. */
const MAX_REMEMBERED = 10_000;

const isPlain = (value: unknown) => value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);

/**
 * i18next's `t` for one language, remembering what it returned: the resources never change and the
 * language is never switched, so the same key and values always give the same sentence. A card calls
 * `t` dozens of times a turn, and i18next copies its whole configuration on every call.
 */
function remembering(t: TFunction): TFunction {
  const translate = t as unknown as (...args: unknown[]) => unknown;
  const remembered = new Map<string, unknown>();
  const call = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    const plain = typeof key === 'string' && rest.length === 0
      && (options === undefined || (typeof options === 'object' && options !== null && !('returnObjects' in options) && Object.values(options).every(isPlain)));
    if (!plain) return translate(key, options, ...rest);
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    if (remembered.has(id)) return remembered.get(id);
    const text = translate(key, options);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(id, text);
    return text;
  };
  return call as unknown as TFunction;
}

/** A `t` bound to the person's language for this turn. */
export function translatorFor(locale?: string | null): TFunction {
  const language = languageOf(locale);
  let t = translators.get(language);
  if (!t) {
    t = remembering(i18n.getFixedT(language));
    translators.set(language, t);
  }
  return t;
}
