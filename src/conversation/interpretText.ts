import type { FlowEvent, Mode } from '../../flows/accessFlow.types.ts';
import { toggleEvent, type Choice, type AskedStep } from '../presentation/prompt.ts';
import { visibleText } from '../text/visibleText.ts';
import type { Interpretation } from './interpretation.ts';
import { namesAnything, requestEvents } from './interpretRequest.ts';
import { normalise } from './normalise.ts';
import { LANGUAGE_NAMES, wordsOf } from './requestWords.ts';
import type { Understanding } from './understanding.ts';
import { COMMANDS, CLIENT_STAFF, DONE, GREETINGS, INTENTS, NO, SHOW, YES, matchesAny } from './phrases.ts';

/** Steps where free text is an answer in itself (a name, an e-mail, a search). */
const TEXT_STEPS = new Set([
  'company.search',
  'company.choose',
  'person.search',
  'person.invite',
  'role.builder.name',
  // Names of the team's members to pick.
  'importTeam.pick',
]);
/** Steps where nothing is under way, so a request such as "add a user" starts a flow. */
const RESTING_STEPS = new Set(['idle', 'done', 'notAllowed', 'refused', 'clientStaff', 'conflict',
  'batch.done', 'batch.nothing', 'batch.failed', 'view.personAccess', 'view.history', 'importTeam.none', 'importTeam.done', 'import.done', 'import.unusable']);

export const MAX_TEXT = 500;

/** Characters as a person counts them (accents composed, emoji one each), not UTF-16 units. */
export function lengthOf(text: string): number {
  return [...text.normalize('NFC')].length;
}

/** The longest answer a step takes: its own limit (a role name, an e-mail address) or MAX_TEXT. */
export function limitAt(prompt: AskedStep): number {
  return Math.min(MAX_TEXT, prompt.input?.maxLength ?? MAX_TEXT);
}

/** Steps where a typed name is the answer itself, never read as a request. */
const NAME_STEPS = new Set(['role.builder.name']);

/**
 * Turns what a person typed into what the flow understands, using what the current step offers; a
 * sentence that asks for something (read by `understood`, against the practice's data) starts it.
 */
export function interpretText(
  raw: string, step: string, prompt: AskedStep, mode: Mode | null,
  understood: (text: string) => Understanding = () => ({ companies: [] }), locale?: string,
): Interpretation {
  const typed = raw.trim();
  if (!typed) return { kind: 'not-understood' };
  if (lengthOf(typed) > MAX_TEXT) return { kind: 'too-long', limit: MAX_TEXT };
  // Only what shows goes on, so a name, an e-mail or a search never carries a bidi control or a zero-width space.
  const text = visibleText(typed);
  if (!text) {
    // Too long for the step is said first: it is what the person can act on.
    const stepLimit = TEXT_STEPS.has(step) ? limitAt(prompt) : MAX_TEXT;
    return lengthOf(typed) > stepLimit ? { kind: 'too-long', limit: stepLimit } : { kind: 'invisible' };
  }
  const said = normalise(text);

  for (const [command, phrases] of Object.entries(COMMANDS)) {
    if (matchesAny(said, phrases, 'exact')) {
      return command === 'HELP' ? { kind: 'help' } : events({ type: command } as FlowEvent);
    }
  }

  if (step === 'role.builder.permissions') {
    if (matchesAny(said, DONE, 'exact')) return events({ type: 'PERMISSIONS_DONE' });
    const toggles = numbersIn(said)?.map((n) => toggleAt(prompt, n));
    if (toggles && toggles.every(Boolean)) return events(...(toggles as FlowEvent[]));
  }

  if (step === 'importTeam.pick' && prompt.toggles) {
    if (matchesAny(said, DONE, 'exact')) return events({ type: 'MEMBERS_DONE' });
    const picked = membersTicked(prompt, numbersIn(said));
    if (picked) return picked;
  }

  const number = numbersIn(said);
  if (number?.length === 1 && prompt.choices.length > 0 && !prompt.choices[number[0] - 1] && !TEXT_STEPS.has(step)) {
    return { kind: 'out-of-range', count: prompt.choices.length };
  }
  const picked = pickChoice(said, prompt) ?? languageChoice(said, prompt);
  if (picked) return events(picked);

  if (matchesAny(said, CLIENT_STAFF, 'contains') && !step.startsWith('role.') && step !== 'company.search') {
    return events({ type: 'CLIENT_STAFF' });
  }

  const request = NAME_STEPS.has(step) ? undefined : understood(text);
  // A new request at any step ("who has access to Dupont Frères", "give Sophie Files basic at…"); on a step that
  // takes a name or a search, only a sentence naming an action is one, and "add a user" while adding goes on.
  const goesOn = !!request && request.intent === mode && !RESTING_STEPS.has(step) && !namesAnything(request);
  // Past a step's own limit (a search, a name), only a sentence that names someone or something is a request.
  const overLimit = TEXT_STEPS.has(step) && lengthOf(typed) > limitAt(prompt) && !!request && !namesAnything(request);
  // With no action named, a request needs a role, a language or an e-mail to be one; else it is a name.
  const resting = RESTING_STEPS.has(step) || step === 'action.choose';
  if (request && !goesOn && !overLimit && (request.intent || (resting && (request.roleId || request.language || request.email)))) {
    return requestEvents(request, locale);
  }

  const intent = intentOf(said);
  if (intent && (RESTING_STEPS.has(step) || step === 'action.choose')) {
    if (step === 'action.choose') return events({ type: 'PICK_ACTION', action: intent });
    return events({ type: 'START', mode: intent });
  }

  if (matchesAny(said, YES, 'exact')) {
    const yes = prompt.choices.find((c) => c.style === 'positive') ?? (prompt.choices.length === 1 ? prompt.choices[0] : undefined);
    if (yes) return events(yes.event);
  }
  if (matchesAny(said, NO, 'exact') && step !== 'idle') return events({ type: 'BACK' });

  if (TEXT_STEPS.has(step) || (step === 'person.choose' && mode === 'add')) {
    return lengthOf(typed) > limitAt(prompt) ? { kind: 'too-long', limit: limitAt(prompt) } : events({ type: 'TEXT', text });
  }
  if (step === 'idle' || step === 'done') {
    if (matchesAny(said, GREETINGS, 'exact')) return { kind: 'help' };
    // A company name typed straight away: start and search for it; anything else is not something it does.
    return events({ type: 'START' }, { type: 'TEXT', text });
  }
  return { kind: 'not-understood' };
}

function events(...list: FlowEvent[]): Interpretation {
  return { kind: 'events', events: list };
}

function intentOf(said: string): Mode | 'list' | undefined {
  for (const [intent, phrases] of Object.entries(INTENTS)) {
    if (matchesAny(said, phrases, 'contains')) return intent as Mode | 'list';
  }
  return undefined;
}

/** A language named as people name it ("French", "anglais", "English UK") among the languages offered. */
function languageChoice(said: string, prompt: AskedStep): FlowEvent | undefined {
  const typed = wordsOf(said).join(' ');
  const named = LANGUAGE_NAMES.find(({ phrase }) => phrase.join(' ') === typed)?.value;
  return named ? prompt.choices.find((c) => c.event.type === 'PICK_LANGUAGE' && c.event.language === named)?.event : undefined;
}

function numbersIn(said: string): number[] | undefined {
  if (!/^\d+([\s,;]+\d+)*$/.test(said)) return undefined;
  return said.split(/[\s,;]+/).map(Number);
}

/** Numbers of the members shown ("1, 3"): each ticked, or unticked when it was. */
function membersTicked(prompt: AskedStep, numbers: number[] | undefined): Interpretation | undefined {
  const items = prompt.toggles?.groups.flatMap((g) => g.items) ?? [];
  if (!numbers || !prompt.toggles) return undefined;
  if (!numbers.every((n) => items[n - 1])) return { kind: 'out-of-range', count: items.length };
  const flipped = new Set(numbers.map((n) => items[n - 1].value));
  const on = items.filter((item) => item.on !== flipped.has(item.value)).map((item) => item.value);
  return events(toggleEvent(prompt.toggles, on));
}

function toggleAt(prompt: AskedStep, n: number): FlowEvent | undefined {
  const items = prompt.toggles?.groups.flatMap((g) => g.items) ?? [];
  const item = items[n - 1];
  return item ? { type: 'TOGGLE_PERMISSION', permission: item.value } : undefined;
}

/** A number from the list, a label as written (accents and case aside), or "show <role>". */
function pickChoice(said: string, prompt: AskedStep): FlowEvent | undefined {
  const numbers = numbersIn(said);
  if (numbers?.length === 1) return prompt.choices[numbers[0] - 1]?.event;
  const all: Choice[] = [...prompt.choices, ...prompt.actions];
  const exact = all.find((c) => normalise(c.label) === said);
  if (exact) return exact.event;
  const shown = SHOW.find((word) => said.startsWith(`${word} `));
  if (shown) {
    const name = said.slice(shown.length + 1);
    const choice = prompt.choices.find((c) => c.aside && normalise(c.label) === name);
    if (choice) return choice.aside!.event;
  }
  if (said.length < 3) return undefined;
  const partial = all.filter((c) => normalise(c.label).includes(said));
  return partial.length === 1 ? partial[0].event : undefined;
}
