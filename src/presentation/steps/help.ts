import type { TFunction } from 'i18next';
import type { Block } from '../prompt.ts';

// Help and "I didn't understand", with the way forward for the step the person is on.

/** General help, then what to do on this step, then the words that work anywhere. */
export function helpFor(step: string, t: TFunction): Block[] {
  const blocks: Block[] = [{ kind: 'text', text: t('help.general') }];
  if (step !== 'idle') blocks.push({ kind: 'text', text: `${t('help.here')} ${t(`steps.${step}.help`)}` });
  blocks.push({ kind: 'text', text: t('help.commands'), subtle: true });
  return blocks;
}

/** "Sorry, I didn't understand that." with the step's way forward. */
export function notUnderstood(step: string, t: TFunction): Block {
  return { kind: 'text', text: `${t('conversation.notUnderstood')} ${t(`steps.${step}.hint`)}` };
}
