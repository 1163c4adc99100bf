import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { GenerateLetterInput } from './letter.inputs.js';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import { DocumentView, toDocumentView } from '../documents/document.types.js';
import { generateLetter, sendLetter } from './letter.service.js';
import {
  GenerateLetterResult,
  LetterGenerated,
  LetterRefused,
  PendingNoticeView,
} from './letter.types.js';
import { casePendingNotices } from './pending-notices.js';

@Resolver()
export class LetterResolver {
  @Mutation(() => GenerateLetterResult, {
    description: 'Drafts a letter to the client as an internal PDF (staff of the case).',
  })
  async generateLetter(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => GenerateLetterInput) input: unknown,
  ): Promise<LetterGenerated | LetterRefused> {
    const result = await generateLetter(ctx, input);
    return result.kind === 'generated'
      ? Object.assign(new LetterGenerated(), { document: toDocumentView(result.document) })
      : Object.assign(new LetterRefused(), { code: result.code, message: result.message });
  }

  @Mutation(() => DocumentView, {
    description: 'Sends a drafted letter: the client side sees it from now on.',
  })
  async sendLetter(
    @Ctx() ctx: RequestContext,
    @Arg('documentId', () => ID) documentId: string,
  ): Promise<DocumentView> {
    return toDocumentView(await sendLetter(ctx, documentId));
  }
}

@Resolver(() => CaseView)
export class CaseNoticesResolver {
  @FieldResolver(() => [PendingNoticeView], {
    nullable: true,
    description:
      'The letters the case still owes, each with the recipients not yet sent it and the date it must go out by; an extension takes effect only once its letter reached every recipient (issue 8 §1). Staff of the case; null for everyone else.',
  })
  async pendingNotices(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<PendingNoticeView[] | null> {
    return casePendingNotices(ctx, view.entity);
  }
}
