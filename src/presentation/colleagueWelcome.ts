import type { TFunction } from 'i18next';
import type { Prompt } from './prompt.ts';

/**
 * The hello for a colleague who may not manage access (rule 1), when they install the assistant: what it does
 * for them (it tells them when their access changes) and whom to ask for access, by name. Nothing to click.
 */
export function colleagueWelcome(t: TFunction, firstName: string | undefined, managers: string[], locale: string | undefined): Prompt {
  const ask = managers.length > 0 ? t('welcome.colleague.ask', { admins: listOf(managers, locale) }) : t('welcome.colleague.askAnyone');
  return {
    title: firstName ? t('steps.idle.titleNamed', { name: firstName }) : t('steps.idle.title'),
    body: [{ kind: 'text', text: t('welcome.colleague.text') }, { kind: 'text', text: ask }],
    choices: [],
    actions: [],
  };
}

/** "Hélène Vasseur and Marc Lefebvre", in the person's language. */
export function listOf(names: string[], locale: string | undefined): string {
  const language = /^fr\b/i.test(locale ?? '') ? 'fr' : 'en';
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
}
