import { randomUUID } from 'node:crypto';
import {
  explainProcedure,
  isTemplateSlug,
  templateSource,
  loadProcedure,
  toMermaid,
  validateProcedure,
  type Finding,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { forbidden, notFound } from '../../core/errors.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organisation } from '../organisations/organisation.entity.js';
import { ProcedureVersion } from './procedure-version.entity.js';

/** A published version with its parsed definition. */
export interface PublishedProcedure {
  version: ProcedureVersion;
  definition: ProcedureDefinition;
}

// Published versions never change, so their parsed definitions can be shared by every request.
const parsed = new Map<string, ProcedureDefinition>();

export function definitionOf(version: ProcedureVersion): ProcedureDefinition {
  let definition = parsed.get(version.id);
  if (!definition) {
    // Published before: its cases go on even where a newer engine would refuse to publish it.
    definition = loadProcedure(version.definition);
    parsed.set(version.id, definition);
  }
  return definition;
}

/** The organisation's current procedure: the newest published version. */
export async function currentProcedure(ctx: RequestContext): Promise<PublishedProcedure> {
  const procedure = await latestProcedure(ctx);
  if (!procedure) throw notFound('Procedure');
  return procedure;
}

/** The newest published version, or null before the organisation published one. */
export async function latestProcedure(ctx: RequestContext): Promise<PublishedProcedure | null> {
  const { organisationId } = requireOrganisation(ctx);
  const version = await ctx.em.findOne(
    ProcedureVersion,
    { organisationId },
    { orderBy: { version: 'desc' } },
  );
  return version ? { version, definition: definitionOf(version) } : null;
}

/**
 * A specific version, e.g. the one a case was filed under (for work outside a request, and the
 * hooks of a change): from the versions kept for the process, like a request's own, and never a
 * managed entity, so the commit's flush does not compare its whole definition.
 */
export async function procedureVersion(
  em: EntityManager,
  organisationId: string,
  id: string,
): Promise<PublishedProcedure> {
  // Flushed first, so a version published in this transaction is there.
  await em.tryFlush(ProcedureVersion, {});
  const procedure = (await procedureVersionsOf(em, organisationId, [id])).get(id);
  if (!procedure) throw new Error(`Procedure version ${id} not found.`);
  return procedure;
}

const procedureVersions = defineRequestLoader<string, PublishedProcedure>(async (ctx, ids) => {
  const { organisationId } = requireOrganisation(ctx);
  // Flushed first, so a version published in this request is there.
  await ctx.em.tryFlush(ProcedureVersion, {});
  const byId = await procedureVersionsOf(ctx.em, organisationId, ids);
  return ids.map((id) => byId.get(id) ?? new Error(`Procedure version ${id} not found.`));
});

/**
 * Versions read before, by id, with their parsed definitions: a version never changes once
 * published (the runtime role may only insert them), so its row and definition can be shared by
 * every request. Whether a request may see it is still asked of the database each time.
 */
const published = new Map<string, PublishedProcedure>();
/** Versions are few per organisation; the bound only keeps a long-lived process from growing. */
const MAX_PUBLISHED_KEPT = 500;

/** These versions of an organisation, by id, in one query (for a request or a live batch). */
export async function procedureVersionsOf(
  em: EntityManager,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, PublishedProcedure>> {
  const wanted = [...new Set(ids)];
  if (wanted.every((id) => published.has(id))) {
    // All read before: the statement only asks which of them this transaction may see, so no
    // definition is sent, parsed or hydrated again.
    const rows = await em.execute<{ id: string }[]>(
      'select id from procedure_versions where organisation_id = ? and id in (?)',
      [organisationId, wanted],
    );
    return new Map(rows.map(({ id }) => [id, published.get(id)!]));
  }
  // Read detached, so the commit's flush does not compare every definition.
  const versions = await em.find(
    ProcedureVersion,
    { organisationId, id: { $in: wanted } },
    { disableIdentityMap: true },
  );
  return new Map(
    versions.map((version) => {
      const procedure = { version, definition: definitionOf(version) };
      if (published.size >= MAX_PUBLISHED_KEPT) published.clear();
      published.set(version.id, procedure);
      return [version.id, procedure];
    }),
  );
}

/**
 * The version a case was filed under, within a request: the versions of every case a response
 * shows are fetched in one query.
 */
export function requestProcedureVersion(
  ctx: RequestContext,
  id: string,
): Promise<PublishedProcedure> {
  return procedureVersions(ctx).load(id);
}

/**
 * Gives a request a version already read elsewhere (a live batch reads each case's version once
 * for all its subscribers, ADR 0079): the request's own loader then never reads it again.
 */
export function primeProcedureVersion(ctx: RequestContext, published: PublishedProcedure): void {
  procedureVersions(ctx).prime(published.version.id, published);
}

export type PublishOutcome =
  { kind: 'published'; procedure: PublishedProcedure } | { kind: 'rejected'; findings: Finding[] };

/**
 * Validates a definition and publishes it as the organisation's next version. Existing cases stay
 * on the version they were filed under. A definition with errors is answered with its findings.
 */
export async function publishProcedure(
  ctx: RequestContext,
  definition: unknown,
): Promise<PublishOutcome> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('configureProcedure', 'Organisation')) {
    throw forbidden('Only a director can publish the procedure.');
  }
  const latest = await ctx.em.findOne(
    ProcedureVersion,
    { organisationId },
    { orderBy: { version: 'desc' } },
  );
  const nextVersion = (latest?.version ?? 0) + 1;
  // The engine pins cases to (id, version); the stored version number is the one that counts.
  const numbered = isObject(definition) ? { ...definition, version: nextVersion } : definition;
  const result = validateProcedure(numbered);
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  if (!result.valid || !result.procedure || errors.length > 0) {
    return { kind: 'rejected', findings: result.findings };
  }
  const version = ctx.em.create(ProcedureVersion, {
    organisationId,
    id: randomUUID(),
    version: nextVersion,
    definition: numbered,
    publishedAt: ctx.now,
    publishedBy: viewer.userId,
  });
  await ctx.em.flush();
  return { kind: 'published', procedure: { version, definition: result.procedure } };
}

/**
 * The shipped template the organisation was set up to start from (ADR 0092), as authored, for
 * the director to adapt and publish; null when none was chosen.
 */
export async function startingProcedure(ctx: RequestContext): Promise<unknown> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('configureProcedure', 'Organisation')) {
    throw forbidden('Only a director can publish the procedure.');
  }
  const organisation = await ctx.em.findOneOrFail(Organisation, { id: organisationId });
  const slug = organisation.procedureTemplate;
  return slug && isTemplateSlug(slug) ? templateSource(slug) : null;
}

export function describeProcedure(procedure: PublishedProcedure, language: 'nl' | 'en') {
  return {
    diagram: toMermaid(procedure.definition, language),
    explanation: explainProcedure(procedure.definition, language),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
