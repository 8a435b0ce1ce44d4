import type { Activity } from 'botbuilder';

/**
 * Removes the @mention of the assistant from a message's text (Teams puts `<at>Access Assistant</at>`
 * before it in group chats). Like botbuilder's removeRecipientMention, but an odd mention entity
 * (no `mentioned`, no text) is passed over rather than failing the turn.
 */
export function removeMentionOfAssistant(activity: Partial<Activity>): void {
  const assistant = activity.recipient?.id;
  if (!activity.text || !assistant) return;
  for (const entity of activity.entities ?? []) {
    // The entity's own fields are as the sender wrote them (src/bot/activitySchema.ts checks it is an object).
    const { type, mentioned, text } = entity as { type?: unknown; mentioned?: { id?: unknown } | null; text?: unknown };
    if (type === 'mention' && mentioned?.id === assistant && typeof text === 'string' && text) {
      activity.text = activity.text.split(text).join('').trim();
    }
  }
}
