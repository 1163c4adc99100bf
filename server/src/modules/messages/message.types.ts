import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { ItemVisibility } from '../../core/authz/ability.js';

/** The audience of an item, as GraphQL spells it (ADR 0007). */
export enum ItemVisibilityValue {
  SHARED = 'shared',
  INTERNAL = 'internal',
  SUBJECT = 'subject',
}
registerEnumType(ItemVisibilityValue, {
  name: 'ItemVisibility',
  description:
    'SHARED: the client side and staff; INTERNAL: staff only; SUBJECT: staff and the one subject addressed.',
});

export function toItemVisibilityValue(visibility: ItemVisibility): ItemVisibilityValue {
  switch (visibility) {
    case 'shared':
      return ItemVisibilityValue.SHARED;
    case 'internal':
      return ItemVisibilityValue.INTERNAL;
    case 'subject':
      return ItemVisibilityValue.SUBJECT;
  }
}

@ObjectType('Message')
export class MessageView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  body!: string;

  @Field(() => ItemVisibilityValue)
  visibility!: ItemVisibilityValue;

  @Field(() => ID, {
    nullable: true,
    description: 'The subject a SUBJECT message is addressed to.',
  })
  addresseeId!: string | null;

  @Field(() => ID)
  authorId!: string;

  @Field(() => ID, { nullable: true, description: 'The client, when a confidant wrote for them.' })
  onBehalfOfId!: string | null;

  @Field(() => [ID], {
    description: 'Documents of the case attached to the message (see `Case.documents`).',
  })
  documentIds!: string[];

  @Field(() => DateTimeScalar)
  postedAt!: Date;
}
