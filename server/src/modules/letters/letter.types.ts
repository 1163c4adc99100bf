import { createUnionType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';
import { DocumentView } from '../documents/document.types.js';

export enum LetterKindValue {
  OUTCOME = 'outcome',
  EXTENSION = 'extension',
  DECISION = 'decision',
}
registerEnumType(LetterKindValue, {
  name: 'LetterKind',
  description:
    'OUTCOME: the decision per complaint part with reasoning and measures. EXTENSION: the extended term, its new due date and how it was derived. DECISION: the reasoned decision to handle the complaint or not (admissibility).',
});

@ObjectType('LetterGenerated', {
  description: 'The letter, drafted as an internal PDF document; `sendLetter` shares it.',
})
export class LetterGenerated {
  @Field(() => DocumentView)
  document!: DocumentView;
}

@ObjectType('LetterRefused', { description: 'The case does not support this letter yet.' })
export class LetterRefused {
  @Field(() => String, {
    description:
      'NO_OUTCOME, NO_EXTENSION, NO_DECISION, or NO_APPEAL_ROUTE (the regime demands a route to the geschilleninstantie or ombudsman the procedure does not name).',
  })
  code!: string;

  @Field(() => String)
  message!: string;
}

export const GenerateLetterResult = createUnionType({
  name: 'GenerateLetterResult',
  types: () => [LetterGenerated, LetterRefused] as const,
});

@ObjectType('NoticeRecipient', { description: 'Someone a notice is still owed to.' })
export class NoticeRecipientView {
  @Field(() => String, {
    description:
      'The party the procedure names: `client`, or `subject` (the person complained about).',
  })
  role!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The person holding that role in this case; null while nobody is known (a subject not yet named).',
  })
  personId!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType('PendingNotice', {
  description:
    'A letter the case owes before a date: today an extension letter (issue 8 §1). Gone once every recipient got it.',
})
export class PendingNoticeView {
  @Field(() => String, {
    description: '`extension-letter`: generate an EXTENSION letter and send it.',
  })
  kind!: string;

  @Field(() => String, { description: 'The clock that is extended.' })
  clock!: string;

  @Field(() => LabelView)
  clockLabel!: LabelView;

  @Field(() => String, {
    description: 'The extension the letter announces (e.g. `beslistermijn#2`).',
  })
  extension!: string;

  @Field(() => String, { description: 'Why, as staff recorded it: the letter states it.' })
  reason!: string;

  @Field(() => String, {
    description: 'The end of the term as it stands (YYYY-MM-DD): the letter must be sent by then.',
  })
  sendBefore!: string;

  @Field(() => String, { description: 'The due date once the extension takes effect.' })
  newDue!: string;

  @Field(() => Boolean, {
    description: 'The extension also waits for the client’s consent (a further extension).',
  })
  awaitsConsent!: boolean;

  @Field(() => [NoticeRecipientView], { description: 'Who has not been sent the letter yet.' })
  owedTo!: NoticeRecipientView[];
}
