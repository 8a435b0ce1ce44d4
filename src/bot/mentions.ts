import type { Activity } from 'botbuilder';

/**
 * Removes the @mention of the assistant from a message's text (Teams puts `<at>Access Assistant</at>`
 * before it in group chats). Like botbuilder's removeRecipientMention, but an odd mention entity
 * (no `mentioned`, no text) is passed over rather than failing the turn.
 */
export function removeMentionOfAssistant(activity: Partial<Activity>): void {
  const assistant = activity.recipient?.id;
  if (typeof activity.text !== 'string' || !assistant) return;
  for (const entity of activity.entities ?? []) {
    const { type, mentioned, text } = (entity ?? {}) as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown };
    if (type === 'mention' && mentioned?.id === assistant && typeof text === 'string' && text) {
      activity.text = activity.text.split(text).join('').trim();
    }
  }
}
