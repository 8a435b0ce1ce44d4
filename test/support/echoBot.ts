import type { TurnContext } from 'botbuilder';

const MAX_DELAY_MS = 10_000;

/**
 * The baseline bot: no state, one reply "echo: <text>" per message. It logs one line per turn
 * so a test can tell whether a turn ran. A message whose `value.delayMs` is set waits that long
 * before replying (capped), to hold a turn in flight.
 */
export function createEchoBot(log: (line: string) => void = () => {}) {
  return {
    async run(context: TurnContext): Promise<void> {
      const { type, text, value, conversation } = context.activity;
      log(`turn ${type} ${conversation?.id ?? '-'}`);
      if (type !== 'message') return;
      const delayMs = Number((value as { delayMs?: unknown } | undefined)?.delayMs ?? 0);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, MAX_DELAY_MS)));
      await context.sendActivity(`echo: ${text ?? ''}`);
    },
  };
}
