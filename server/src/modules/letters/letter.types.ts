import { createUnionType, Field, ObjectType, registerEnumType } from 'type-graphql';
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
