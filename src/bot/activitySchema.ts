// What the assistant accepts of a posted activity, checked once at the door (src/server.ts); everything
// behind it trusts the activity read here. Lenient where the Bot Framework is (fields it does not know
// pass through as sent), strict on what the assistant and botbuilder rely on.
import { z } from 'zod';

/** Ids go into the reply's address: real channels' are far shorter than this. */
const MAX_ID = 1024;
/** More than a message carries (Teams allows ten files); a longer list is read as none, never each item looked at. */
const MAX_ATTACHMENTS = 50;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Required: a non-empty string. */
const required = (field: string) => z.string({ error: `"${field}" must be a non-empty string` }).min(1, { error: `"${field}" must be a non-empty string` });
/** A string when present (null as botbuilder leaves it); well-formed, for a lone surrogate cannot go into the reply's address. */
const optionalText = (field: string) =>
  z.string({ error: `"${field}" must be a string` }).refine((v) => v.isWellFormed(), { error: `"${field}" must be a string` }).nullish();
const wellFormed = (field: string) => required(field).refine((v) => v.isWellFormed(), { error: `"${field}" must be a string` });
const sized = <T extends z.ZodType<string | null | undefined>>(schema: T, field: string) =>
  schema.refine((v) => typeof v !== 'string' || v.length <= MAX_ID, { error: `"${field}" must be at most ${MAX_ID} characters` });
/** A list of objects, as posted; checked in one pass (a sender may post a hundred thousand items). */
const objects = (field: string) =>
  z.array(z.unknown(), { error: `"${field}" must be a list of objects` })
    .refine((items) => items.every(isObject), { error: `"${field}" must be a list of objects` })
    .nullish();
const account = (field: string) =>
  z.looseObject(
    {
      id: sized(wellFormed(`${field}.id`), `${field}.id`),
      name: optionalText(`${field}.name`),
      role: optionalText(`${field}.role`),
    },
    { error: `"${field}.id" must be a non-empty string` },
  );

/** A field of an attachment as posted: a string, or nothing (never an object whose toString a sender wrote). */
const attachmentText = z.string().optional().catch(undefined);
/** An attachment as the assistant reads it (src/bot/sentFile.ts); its content is the contentType's to say. */
const attachment = z.looseObject({ contentType: attachmentText, name: attachmentText, contentUrl: attachmentText, content: z.unknown().optional() });
/** Attachments as posted: a list, its objects kept and anything else in it dropped; no list at all is read as none. */
const attachments = z
  .array(z.unknown())
  .max(MAX_ATTACHMENTS)
  .transform((items) => items.flatMap((item) => attachment.safeParse(item).data ?? []))
  .optional()
  .catch(undefined);

// Printable ASCII: the conversation id travels in the reply's address and headers.
const conversationId = sized(wellFormed('conversation.id'), 'conversation.id').refine((v) => /^[\x20-\x7e]+$/.test(v), {
  error: '"conversation.id" must be printable ASCII',
});

export const activitySchema = z
  .looseObject(
    {
      type: required('type'),
      channelId: wellFormed('channelId'),
      conversation: z.looseObject(
        {
          id: conversationId,
          name: optionalText('conversation.name'),
          conversationType: optionalText('conversation.conversationType'),
          tenantId: optionalText('conversation.tenantId'),
          isGroup: z.boolean({ error: '"conversation.isGroup" must be true or false' }).nullish(),
        },
        { error: '"conversation.id" must be a non-empty string' },
      ),
      from: account('from').extend({ aadObjectId: optionalText('from.aadObjectId') }),
      recipient: account('recipient'),
      // Required but for replies that come back in the HTTP response (expectReplies): see below.
      serviceUrl: required('serviceUrl').optional(),
      deliveryMode: z.unknown().optional(),
      id: sized(optionalText('id'), 'id'),
      replyToId: sized(optionalText('replyToId'), 'replyToId'),
      text: optionalText('text'),
      locale: optionalText('locale'),
      name: optionalText('name'),
      entities: objects('entities'),
      membersAdded: objects('membersAdded'),
      attachments,
      // A card's payload (a message's value, an invoke's action data) is the flow's to read: src/conversation/interpretCard.ts.
      value: z.unknown().optional(),
    },
    { error: 'the body must be a JSON object' },
  )
  .superRefine((activity, ctx) => {
    if (activity.serviceUrl === undefined && activity.deliveryMode !== 'expectReplies') {
      ctx.addIssue({ code: 'custom', path: ['serviceUrl'], message: '"serviceUrl" must be a non-empty string' });
    }
    // botbuilder reads `value.action.type` of every universal action before the bot sees it.
    const { type, name, value } = activity;
    if (type === 'invoke' && name === 'adaptiveCard/action' && !(isObject(value) && isObject(value.action))) {
      ctx.addIssue({ code: 'custom', path: ['value', 'action'], message: 'an adaptiveCard/action invoke needs an action object' });
    }
  });

/** An activity the door let in. */
export type AcceptedActivity = z.infer<typeof activitySchema>;

/** The activity as the assistant reads it, or why it is not one (a short reason for the 400 answer). */
export function readActivity(body: unknown): { activity: AcceptedActivity } | { problem: string } {
  const read = activitySchema.safeParse(body);
  return read.success ? { activity: read.data } : { problem: read.error.issues[0].message };
}
