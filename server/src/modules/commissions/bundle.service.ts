import { randomUUID } from 'node:crypto';
import { canSeeCaseItem } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import type { RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase, onBehalfOfClient } from '../case-access/case-gate.js';
import { appendTimeline } from '../cases/case-timeline.js';
import type { Case } from '../cases/case.entity.js';
import { BundleProposal } from './bundle-proposal.entity.js';
import {
  BUNDLE_ITEM_KINDS,
  bundleItemId,
  proposalReference,
  type BundleableItem,
  type BundleItemKind,
} from './bundle-items.js';
import { DecideBundleItemsSchema, ProposeBundleItemsSchema } from './commissions.inputs.js';

interface ItemRef {
  kind: BundleItemKind;
  id: string;
}

/**
 * Staff on the case propose items for the commission's bundle; nothing is shared until the client
 * approves. Only `shared` items qualify: what the client can see and so can judge. Internal notes
 * are staff work and never leave the organisation; items addressed to a subject are theirs, and
 * the client has never seen them.
 */
export async function proposeBundleItems(
  ctx: RequestContext,
  input: unknown,
): Promise<BundleProposal[]> {
  const data = parseInput(ProposeBundleItemsSchema, input);
  const { kase, viewer } = await loadVisibleCase(ctx, data.caseId, 'work', 'propose-bundle', {
    lock: true,
  });
  const items = await loadItems(ctx, kase, data.items, 'items');
  const open = await proposals(ctx, kase, { status: 'proposed' });
  const proposed: ItemRef[] = [];
  for (const [index, { ref, item }] of items.entries()) {
    if (item.visibility !== 'shared')
      throw badInput('Alleen onderdelen die de cliënt ook ziet kunnen worden gedeeld.', {
        field: `items.${index}.id`,
      });
    if (item.bundled)
      throw badInput('Dit onderdeel is al gedeeld met de commissie.', {
        field: `items.${index}.id`,
      });
    const refusal = BUNDLE_ITEM_KINDS[ref.kind].refusal?.(item, `items.${index}.id`);
    if (refusal) throw refusal;
    if (open.some((p) => p.itemKind === ref.kind && p.itemId === ref.id)) continue;
    if (proposed.some((p) => p.kind === ref.kind && p.id === ref.id)) continue;
    proposed.push(ref);
    ctx.em.create(BundleProposal, {
      organisationId: kase.organisationId,
      id: randomUUID(),
      caseId: kase.id,
      itemKind: ref.kind,
      ...proposalReference(ref.kind, item),
      itemId: ref.id,
      proposedBy: viewer.userId,
      proposedAt: ctx.now,
      status: 'proposed',
      decidedBy: null,
      decidedOnBehalfOf: null,
      decidedAt: null,
    });
  }
  if (proposed.length > 0)
    await appendTimeline(ctx, kase, [
      { type: 'bundle-items-proposed', visibility: 'shared', payload: { items: proposed } },
    ]);
  await ctx.em.flush();
  return proposals(ctx, kase);
}

/**
 * The client (or a confidant the client granted `submit`) approves or declines proposed items.
 * An approved item becomes part of the bundle the referred commission sees.
 */
export async function decideBundleItems(
  ctx: RequestContext,
  input: unknown,
): Promise<BundleProposal[]> {
  const data = parseInput(DecideBundleItemsSchema, input);
  // The client, or a confidant whose grant on this case lets them submit for the client.
  const { kase, ability, viewer } = await loadVisibleCase(
    ctx,
    data.caseId,
    'decideBundle',
    'decide-bundle',
    { lock: true },
  );
  const onBehalfOf = onBehalfOfClient(kase, viewer.userId);
  const items = await loadItems(ctx, kase, data.decisions, 'decisions');
  const open = await proposals(ctx, kase, { status: 'proposed' });
  const approved: ItemRef[] = [];
  const declined: ItemRef[] = [];
  for (const [index, { ref, item }] of items.entries()) {
    const proposal = open.find((p) => p.itemKind === ref.kind && p.itemId === ref.id);
    if (!proposal || proposal.status !== 'proposed')
      throw badInput('Dit onderdeel is niet (meer) voorgesteld.', {
        field: `decisions.${index}.id`,
      });
    const approve = data.decisions[index]!.approve;
    // What the client approves must be what the client can see, and stays client-visible.
    if (approve && (item.visibility !== 'shared' || !canSeeCaseItem(ability, kase, item)))
      throw badInput('Dit onderdeel kan niet worden gedeeld.', { field: `decisions.${index}.id` });
    const refusal = approve
      ? BUNDLE_ITEM_KINDS[ref.kind].refusal?.(item, `decisions.${index}.id`)
      : undefined;
    if (refusal) throw refusal;
    Object.assign(proposal, {
      status: approve ? 'approved' : 'declined',
      decidedBy: viewer.userId,
      decidedOnBehalfOf: onBehalfOf,
      decidedAt: ctx.now,
    });
    if (approve) item.bundled = true;
    (approve ? approved : declined).push(ref);
  }
  await appendTimeline(ctx, kase, [
    {
      type: 'bundle-items-decided',
      visibility: 'shared',
      payload: { approved, declined },
      onBehalfOfId: onBehalfOf,
    },
  ]);
  await ctx.em.flush();
  return proposals(ctx, kase);
}

/**
 * What was proposed for the bundle and what the client decided: for whoever sees the client's
 * side of the case (the client, their confidant, staff); never for the commission, which sees
 * only what was approved, nor for a subject.
 */
export async function bundleProposals(
  ctx: RequestContext,
  kase: Case,
): Promise<BundleProposal[] | null> {
  const { ability } = await requestAbility(ctx);
  const seesClientSide = canSeeCaseItem(ability, kase, {
    visibility: 'shared',
    bundled: false,
    addresseeId: null,
  });
  return seesClientSide ? proposals(ctx, kase) : null;
}

/** A case's proposals in the order they were made, items of one proposal in timeline order. */
async function proposals(ctx: RequestContext, kase: Case, where: { status?: 'proposed' } = {}) {
  const found = await ctx.em.find(BundleProposal, {
    organisationId: kase.organisationId,
    caseId: kase.id,
    ...where,
  });
  return found.sort(
    (a, b) =>
      a.proposedAt.getTime() - b.proposedAt.getTime() ||
      a.itemKind.localeCompare(b.itemKind) ||
      a.itemId.localeCompare(b.itemId, 'en', { numeric: true }),
  );
}

/**
 * The items named, loaded from the registry's tables within the case. An id of the wrong shape,
 * of another case or of another organisation is answered the same: unknown.
 */
async function loadItems(
  ctx: RequestContext,
  kase: Case,
  refs: readonly { kind: BundleItemKind; id: string }[],
  field: string,
): Promise<{ ref: ItemRef; item: BundleableItem }[]> {
  const unknown = (index: number) =>
    badInput('Onbekend onderdeel van deze zaak.', { field: `${field}.${index}.id` });
  const keys = refs.map((ref, index) => {
    const parsed = BUNDLE_ITEM_KINDS[ref.kind].id.safeParse(ref.id);
    if (!parsed.success) throw unknown(index);
    return parsed.data;
  });
  const loaded = new Map<BundleItemKind, BundleableItem[]>();
  for (const kind of new Set(refs.map((r) => r.kind))) {
    const { entity, key } = BUNDLE_ITEM_KINDS[kind];
    const wanted = keys.filter((_, index) => refs[index]!.kind === kind);
    loaded.set(
      kind,
      await ctx.em.find(entity, {
        organisationId: kase.organisationId,
        caseId: kase.id,
        [key]: { $in: wanted },
      }),
    );
  }
  return refs.map((ref, index) => {
    const item = loaded
      .get(ref.kind)
      ?.find((i) => bundleItemId(ref.kind, i) === String(keys[index]));
    if (!item) throw unknown(index);
    return { ref: { kind: ref.kind, id: bundleItemId(ref.kind, item) }, item };
  });
}
