import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { PostMessageInput } from './message.inputs.js';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import type { CaseMessage } from './message.entity.js';
import { postMessage, visibleMessages } from './message.service.js';
import { MessageView, toItemVisibilityValue } from './message.types.js';

function toView(message: CaseMessage): MessageView {
  return {
    id: message.id,
    body: message.body,
    visibility: toItemVisibilityValue(message.visibility),
    addresseeId: message.addresseeId,
    authorId: message.authorId,
    onBehalfOfId: message.onBehalfOfId,
    documentIds: message.documentIds,
    postedAt: message.postedAt,
  };
}

@Resolver(() => CaseView)
export class MessageResolver {
  @Mutation(() => MessageView, { description: 'Posts a message, note or statement on a case.' })
  async postMessage(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PostMessageInput) input: unknown,
  ): Promise<MessageView> {
    return toView(await postMessage(ctx, input));
  }

  @FieldResolver(() => [MessageView], {
    description:
      'The messages the viewer may see: staff all, the client side the shared ones, a subject those addressed to them.',
  })
  async messages(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<MessageView[]> {
    return (await visibleMessages(ctx, view.entity)).map(toView);
  }
}
