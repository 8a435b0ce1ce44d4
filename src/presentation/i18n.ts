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

/** A sentence as literal parts and the names of the values between them ({{name}}), or the sentence whole. */
type Template = string | { parts: string[]; names: string[] };
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
/** Options that change what i18next looks up or how: calls with them are left to i18next. */
const I18NEXT_OPTIONS = new Set(['count', 'context', 'ordinal', 'lng', 'lngs', 'fallbackLng', 'ns', 'replace', 'interpolation',
  'skipInterpolation', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'keySeparator', 'nsSeparator', 'missingInterpolationHandler']);

/**
 * The sentence for a key, ready to fill, when filling it is plain substitution: found in the language
 * or English (the fallback), no nesting ($t), no formatting, only {{name}} placeholders. Null otherwise.
 */
function compile(language: AssistantLanguage, key: string): Template | null {
  const found = i18n.getResource(language, 'translation', key) ?? i18n.getResource('en', 'translation', key);
  if (typeof found !== 'string' || found.includes('$t(')) return null;
  const names: string[] = [];
  const parts = found.split(PLACEHOLDER).filter((part, i) => (i % 2 === 1 ? (names.push(part), false) : true));
  if (parts.some((part) => part.includes('{{'))) return null;
  return names.length === 0 ? found : { parts, names };
}

/** A value i18next would put in as it is: a string or a number that cannot be read as more markup. */
const isPlainValue = (value: unknown) => typeof value === 'number' || (typeof value === 'string' && !value.includes('{{') && !value.includes('$t('));

/**
 * i18next's `t` for one language, with its sentences compiled: the resources never change and the
 * language is never switched, so a sentence with plain values is filled here exactly as i18next fills
 * it (escaping is off), without i18next's copy of its whole configuration on each of the dozens of
 * calls a card makes. Anything else (nesting, plurals, missing keys, other values) goes to i18next.
 */
function compiled(language: AssistantLanguage, t: TFunction): TFunction {
  const translate = t as unknown as (...args: unknown[]) => unknown;
  const templates = new Map<string, Template | null>();
  const call = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key !== 'string' || key.includes(':') || rest.length > 0 || (options !== undefined && (typeof options !== 'object' || options === null))) return translate(key, options, ...rest);
    let template = templates.get(key);
    if (template === undefined) templates.set(key, (template = compile(language, key)));
    if (template === null) return translate(key, options);
    const values = options as Record<string, unknown> | undefined;
    if (values) for (const name in values) if (I18NEXT_OPTIONS.has(name)) return translate(key, options);
    if (typeof template === 'string') return template;
    let text = template.parts[0];
    for (let i = 0; i < template.names.length; i += 1) {
      const value = values?.[template.names[i]];
      if (!isPlainValue(value)) return translate(key, options);
      text += String(value) + template.parts[i + 1];
    }
    return text;
  };
  return call as unknown as TFunction;
}

/** A `t` bound to the person's language for this turn. */
/** The language a translator made by translatorFor speaks. */
export function languageOfTranslator(t: TFunction): AssistantLanguage | undefined {
  for (const [language, translator] of translators) if (translator === t) return language;
  return undefined;
}

export function translatorFor(locale?: string | null): TFunction {
  const language = languageOf(locale);
  let t = translators.get(language);
  if (!t) {
    t = compiled(language, i18n.getFixedT(language));
    translators.set(language, t);
  }
  return t;
}
