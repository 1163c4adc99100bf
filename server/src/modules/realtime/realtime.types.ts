import { Field, ObjectType } from 'type-graphql';
import { CursorScalar } from '../../core/graphql/scalars.js';
import { CaseView, TimelineEventView } from '../cases/case.types.js';

@ObjectType('CaseUpdate', {
  description:
    'One change of a case, as the subscriber may see it: the case as it now is and the new timeline entries they may see.',
})
export class CaseUpdateView {
  @Field(() => CursorScalar, {
    description: 'Where this update lies in the feed: pass it as `after` to resume from here.',
  })
  cursor!: string;

  @Field(() => CaseView)
  case!: CaseView;

  @Field(() => [TimelineEventView], {
    description: 'The entries this change appended that the subscriber may see, in order.',
  })
  events!: TimelineEventView[];
}
