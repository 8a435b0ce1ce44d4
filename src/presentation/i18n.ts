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
  const base = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'fr' ? 'fr' : 'en';
}

/** A `t` bound to the person's language for this turn. */
export function translatorFor(locale?: string | null): TFunction {
  return i18n.getFixedT(languageOf(locale));
}
