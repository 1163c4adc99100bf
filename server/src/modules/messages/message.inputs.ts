import { z } from 'zod';
import { ITEM_VISIBILITIES, type ItemVisibility } from '../../core/authz/ability.js';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { text, uuid } from '../../core/validation/fields.js';
import { DocumentIdsSchema } from '../documents/document.inputs.js';
import { ItemVisibilityValue } from './message.types.js';

export const MESSAGE_MAX_LENGTH = 10_000;

export const PostMessageSchema = z
  .object({
    caseId: uuid,
    body: text(MESSAGE_MAX_LENGTH).meta({ description: 'At most 10 000 characters.' }),
    visibility: z.enum(ITEM_VISIBILITIES as [ItemVisibility, ...ItemVisibility[]]).meta({
      description:
        'The client side posts SHARED; staff SHARED, INTERNAL or SUBJECT; a subject SUBJECT to themself.',
      graphql: { enum: ItemVisibilityValue },
    }),
    addresseeId: uuid
      .nullish()
      .meta({ description: 'Required for SUBJECT: a subject of the case.' }),
    documentIds: DocumentIdsSchema.nullish()
      .transform((ids) => ids ?? [])
      .meta({
        description:
          'Documents of the same case to attach (at most 50), each one the poster sees and every reader of the message may see.',
      }),
  })
  .refine((value) => (value.visibility === 'subject') === Boolean(value.addresseeId), {
    message:
      'Een bericht aan een beklaagde heeft precies één geadresseerde; andere berichten geen.',
    path: ['addresseeId'],
  });
export type PostMessageData = z.infer<typeof PostMessageSchema>;
export const PostMessageInput = inputTypeFrom('PostMessageInput', PostMessageSchema);
