import { z } from 'zod';
import { ITEM_VISIBILITIES, type ItemVisibility } from '../../core/authz/ability.js';
import { text, uuid } from '../cases/case.inputs.js';
import { DocumentIdsSchema } from '../documents/document.inputs.js';

export const MESSAGE_MAX_LENGTH = 10_000;

export const PostMessageSchema = z
  .object({
    caseId: uuid,
    body: text(MESSAGE_MAX_LENGTH),
    visibility: z.enum(ITEM_VISIBILITIES as [ItemVisibility, ...ItemVisibility[]]),
    addresseeId: uuid.nullish(),
    documentIds: DocumentIdsSchema.nullish().transform((ids) => ids ?? []),
  })
  .refine((value) => (value.visibility === 'subject') === Boolean(value.addresseeId), {
    message:
      'Een bericht aan een beklaagde heeft precies één geadresseerde; andere berichten geen.',
    path: ['addresseeId'],
  });
export type PostMessageData = z.infer<typeof PostMessageSchema>;
