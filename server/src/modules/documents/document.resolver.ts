import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { CaseView } from '../cases/case.types.js';
import { caseConsentsAwaited, markConsentDocument } from './consent-documents.js';
import { ALLOWED_TYPES } from './document-content.js';
import { caseDocuments } from './document.service.js';
import {
  AwaitedConsentView,
  DocumentUploadRulesView,
  DocumentView,
  toDocumentView,
} from './document.types.js';

@Resolver(() => CaseView)
export class CaseDocumentsResolver {
  @FieldResolver(() => [DocumentView], {
    description:
      'The documents of the case the viewer may see: staff all, the client side the shared ones, a subject those addressed to them, a commission its bundle.',
  })
  async documents(@Ctx() ctx: RequestContext, @Root() view: CaseView): Promise<DocumentView[]> {
    return (await caseDocuments(ctx, view.entity)).map(toDocumentView);
  }

  @FieldResolver(() => [AwaitedConsentView], {
    nullable: true,
    description:
      "The further extensions waiting for the client's consent, which staff can take from an uploaded document (`markConsentDocument`). Staff of the case; null for everyone else.",
  })
  async consentsAwaited(
    @Ctx() ctx: RequestContext,
    @Root() view: CaseView,
  ): Promise<AwaitedConsentView[] | null> {
    const awaited = await caseConsentsAwaited(ctx, view.entity);
    return (
      awaited?.map((notice) => ({
        clock: notice.clock,
        clockLabel: notice.label,
        extension: notice.extension,
        since: notice.recordedOn,
        until: notice.before,
      })) ?? null
    );
  }
}

@Resolver()
export class DocumentRulesResolver {
  @Query(() => DocumentUploadRulesView, {
    description: 'What a document upload may be: its largest size and the types accepted.',
  })
  documentUploadRules(@Ctx() ctx: RequestContext): DocumentUploadRulesView {
    return {
      maxBytes: ctx.config.documents.maxBytes,
      mediaTypes: Object.keys(ALLOWED_TYPES),
      extensions: [...new Set(Object.values(ALLOWED_TYPES))],
    };
  }
}

@Resolver()
export class ConsentDocumentResolver {
  @Mutation(() => DocumentView, {
    description:
      "Staff of the case mark an uploaded document as the client's written consent to the extension that waits for it (ADR 0099): logged as the client's act, dated the day the document reached the case; the extension takes effect once its notice is sent too. A marking is final.",
  })
  async markConsentDocument(
    @Ctx() ctx: RequestContext,
    @Arg('documentId', () => ID) documentId: string,
  ): Promise<DocumentView> {
    return toDocumentView(await markConsentDocument(ctx, documentId));
  }
}
