import type { Speaker } from '../domain/speaker.ts';

/** Each person has their own flow, even in a group chat: the key names the chat and the person. */
export function conversationKey(channelId: string | undefined, conversationId: string | undefined, speaker: Speaker): string {
  return `flow/${channelId ?? 'unknown'}/${conversationId ?? 'none'}/${speaker.practiceId}/${speaker.personKey}`;
}
