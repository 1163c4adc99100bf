import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Text in both languages the product speaks. */
@ObjectType('Label')
export class LabelView {
  @Field(() => String)
  nl!: string;

  @Field(() => String)
  en!: string;
}

export enum Language {
  NL = 'nl',
  EN = 'en',
}
registerEnumType(Language, { name: 'Language' });
