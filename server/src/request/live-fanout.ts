import { randomUUID } from 'node:crypto';
import {
  execute,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isObjectType,
  print,
  visit,
  type ArgumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import type { Role } from '@klachtpad/contracts';
import { asCase, canSeeCaseItem } from '../core/authz/ability.js';
import type { RequestContext, Viewer, ViewerAbility } from '../core/context.js';
import { TenantTransaction } from '../core/db/tenant-session.js';
import { AppError } from '../core/errors.js';
import { originalOf } from '../core/graphql/errors.js';
import type { Credentials } from '../core/http/credentials.js';
import { encodePosition, type CaseChangeSignal } from '../core/realtime/outbox-feed.js';
import { appendBatchAccess, type BatchAccess } from '../modules/access-log/access-log.service.js';
import { admitToOrganisation, liveViewer } from '../modules/auth/auth.service.js';
import { hashSessionToken } from '../modules/auth/session-token.js';
import { actingFrom, onBehalfOfClient } from '../modules/case-access/case-gate.js';
import { CaseEvent } from '../modules/cases/case-event.entity.js';
import { toTimelineEventView, toView } from '../modules/cases/case.resolver.js';
import { Case } from '../modules/cases/case.entity.js';
import type { CaseView } from '../modules/cases/case.types.js';
import {
  primeProcedureVersion,
  procedureVersionsOf,
  type PublishedProcedure,
} from '../modules/procedures/procedure.service.js';
import { prepareCaseUpdate } from '../modules/realtime/realtime.service.js';
import { assembleContext, type ContextDeps } from './request-context.js';

/** The socket a push goes to, as the live fan-out needs it (request/websocket.ts). */
export interface LiveSubscriber {
  credentials: Credentials;
  /** The roles it was opened with: a socket whose person lost one since is closed. */
  roles: readonly Role[];
  /** A request context as an HTTP request gets one, for what a batch cannot do itself. */
  open(): Promise<RequestContext>;
}

/** What one subscriber gets of one change. */
export type LivePush =
  /** The socket may no longer be served (session, membership, roles) or lost its one case. */
  | { kind: 'close' }
  /** Nothing of this change is theirs to see. */
  | { kind: 'skip' }
  /** The push, resolved from the batch's rows. */
  | { kind: 'result'; result: ExecutionResult }
  /**
   * Their document asks for more than the case row and the change's events (a case's messages,
   * say): checked by the batch, but resolved in a request context of its own, as before.
   */
  | { kind: 'own' };

/** A socket's ability, with what it was built from (ADR 0079). */
interface KeptAbility {
  /** The session's person as this batch found them (kept abilities carry the last batch's). */
  person?: Viewer;
  /** The organisation's and the person's relationships the ability depends on, fingerprinted. */
  relations: string;
  roles: readonly Role[];
  ability: ViewerAbility;
}

/** One row of `app.live_socket_standing` (migration 0079). */
interface StandingRow {
  ord: number;
  user_id: string | null;
  session_id: string | null;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_seen_at: Date | null;
  mfa_required: boolean | null;
  mfa_verified_at: Date | null;
  organisation_id: string | null;
  slug: string | null;
  mfa_required_for_staff: boolean | null;
  roles: string[] | null;
  relations: string | null;
}

/**
 * A `caseUpdated` operation as the batch groups it, worked out once when it subscribes
 * (`liveDocument`).
 */
export interface LiveDocument {
  args: ExecutionArgs;
  /** The one case subscribed to, if any: losing it closes the socket. */
  caseId: string | undefined;
  /** The document, operation and variables as text: equal keys execute alike. */
  key: string;
  /**
   * Whether it selects only fields read off the batch's shared rows (`SHARED_FIELDS`): its
   * payload is then the same for everyone who may see the same entries of the change.
   */
  shared: boolean;
}

interface Ask {
  live: LiveSubscriber;
  signal: CaseChangeSignal;
  document: LiveDocument;
  resolve(push: LivePush): void;
  reject(error: unknown): void;
}

/**
 * What every subscriber whose ability was built from the same relationships, with the same
 * roles, is told of one change: the same ability decides the same (ADR 0079).
 */
interface Decision {
  line: Omit<BatchAccess, 'outcome' | 'denial' | 'onBehalfOfId'>;
  /** The case row the change is on, when they may read it. */
  kase: Case | undefined;
  denial: 'not-found' | 'not-permitted' | undefined;
  onBehalfOfId: string | null;
  /** The change's entries they may see, in order, and their ids as text. */
  visible: CaseEvent[];
  visibleKey: string;
}

/** A field of the push needed the database: the batch leaves that push to a request of its own. */
class NeedsOwnRequest extends Error {
  constructor() {
    super('This part of the push is not in the live batch.');
  }
}

/**
 * The fields whose value the batch reads off the rows it shares with every subscriber: the case
 * view (`toView`, built once per case for everyone), the change's entries (`toTimelineEventView`
 * of the ones the subscriber may see) and the cursor. None has a resolver of its own, so none
 * can ask the viewer anything (`live-fanout.spec.ts` holds the list to that). A document that
 * selects nothing else gives the same payload to everyone who may see the same entries.
 */
export const SHARED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  CaseUpdate: ['cursor', 'case', 'events'],
  Case: [
    'id',
    'reference',
    'version',
    'category',
    'channel',
    'receivedOn',
    'closed',
    'stages',
    'warnings',
    'createdAt',
  ],
  CaseStage: ['track', 'stage', 'label'],
  Label: ['nl', 'en'],
  TimelineEvent: ['sequence', 'type', 'visibility', 'payload', 'occurredAt', 'bySystem'],
};

/**
 * For a `caseUpdated` operation, what the batch needs to know of it (ADR 0079); undefined for
 * every other subscription, whose pushes are resolved one by one.
 */
export function liveDocument(args: ExecutionArgs): LiveDocument | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  const [field] = operation?.selectionSet.selections ?? [];
  if (field?.kind !== 'Field' || field.name.value !== 'caseUpdated') return undefined;
  const definition = args.schema.getSubscriptionType()?.getFields().caseUpdated;
  if (!definition) return undefined;
  const values = getArgumentValues(definition, field, args.variableValues ?? undefined);
  const type = getNamedType(definition.type);
  return {
    args,
    caseId: typeof values.caseId === 'string' ? values.caseId : undefined,
    key: JSON.stringify([
      print(args.document),
      args.operationName ?? null,
      variablesRead(
        args,
        field.arguments?.find((argument) => argument.name.value === 'after'),
      ),
    ]),
    shared:
      isObjectType(type) && field.selectionSet !== undefined
        ? readsSharedRowsOnly(args, type, field.selectionSet)
        : false,
  };
}

/**
 * The variables the document's execution reads, with their values: all but one that is only
 * the root field's `after`, which says where the subscription's source starts
 * (`subscribeCaseUpdates`) and which the push's resolver ignores. Subscribers that resumed from
 * different cursors are then told a change alike.
 */
function variablesRead(args: ExecutionArgs, after: ArgumentNode | undefined): unknown[] {
  const read = new Set<string>();
  visit(args.document, {
    VariableDefinition: () => false,
    Argument: (node) => (node === after ? false : undefined),
    Variable: (node) => void read.add(node.name.value),
  });
  const values = args.variableValues ?? {};
  // Whether a variable was given at all is kept apart from its value: absent and null differ.
  return [...read].sort().map((name) => [name, name in values, values[name] ?? null]);
}

/** Whether every field of `selections` (fragments followed) is one of `SHARED_FIELDS`. */
function readsSharedRowsOnly(
  args: ExecutionArgs,
  parent: GraphQLObjectType,
  selections: SelectionSetNode,
): boolean {
  return selections.selections.every((selection) => {
    if (selection.kind === 'Field') {
      const name = selection.name.value;
      if (name === '__typename') return true;
      if (!SHARED_FIELDS[parent.name]?.includes(name) || selection.arguments?.length) return false;
      const type = getNamedType(parent.getFields()[name]?.type);
      if (!type) return false;
      if (!selection.selectionSet) return !isObjectType(type);
      return isObjectType(type) && readsSharedRowsOnly(args, type, selection.selectionSet);
    }
    const fragment =
      selection.kind === 'InlineFragment'
        ? selection
        : args.document.definitions.find(
            (definition) =>
              definition.kind === 'FragmentDefinition' &&
              definition.name.value === selection.name.value,
          );
    if (!fragment || !('selectionSet' in fragment)) return false;
    // A fragment on another type (an interface, say) is not followed: the viewer is keyed.
    const on = 'typeCondition' in fragment ? fragment.typeCondition?.name.value : undefined;
    if (on !== undefined && on !== parent.name) return false;
    return readsSharedRowsOnly(args, parent, fragment.selectionSet);
  });
}

/**
 * `caseUpdated` pushes, checked and built per batch of the feed rather than per subscriber
 * (ADR 0079). Every subscriber that receives a signal in one turn of the event loop joins the
 * same batch, which, per organisation, in one transaction of that organisation:
 * - reads the standing of every socket of the batch in one statement (`app.live_socket_standing`)
 *   and applies the rules of `resolveSession` and `enterOrganisation` to it (the same functions);
 * - reads the changed case rows and the batch's events once, for everyone;
 * - checks each subscriber in memory against the fresh rows with their kept ability (rebuilt
 *   only when their roles or relationships changed): the grant, referral, assignment and recusal
 *   are on the case row, so losing one stops the next push;
 * - writes every access-log line of the batch in one statement, as each read would have.
 * The number of statements per change therefore does not grow with the number of subscribers.
 */
export class LiveCaseFanout {
  private queue: Ask[] = [];
  private planned = false;
  private readonly kept = new WeakMap<LiveSubscriber, KeptAbility>();
  /**
   * Batches served, documents executed for them (once per group of subscribers whose payload is
   * the same by construction), and `caseUpdated` subscriptions that joined the feed (ever, so a
   * test can wait for its own to have joined), for tests and the bench.
   */
  readonly stats = { batches: 0, executions: 0, joined: 0 };

  constructor(private readonly deps: ContextDeps) {}

  /** One subscriber's push of one change, decided with every other push of this turn. */
  push(live: LiveSubscriber, signal: CaseChangeSignal, document: LiveDocument): Promise<LivePush> {
    return new Promise((resolve, reject) => {
      this.queue.push({ live, signal, document, resolve, reject });
      if (this.planned) return;
      this.planned = true;
      // The feed hands a batch's signals to every subscriber in one tick; their pushes arrive
      // here in the microtasks after it, so the next turn of the loop has them all.
      setImmediate(() => {
        this.planned = false;
        const asks = this.queue;
        this.queue = [];
        void this.serve(asks);
      });
    });
  }

  /**
   * Keeps the ability a subscription was opened with, built in its first request context, so
   * the first change does not rebuild it. `ctx` is in the subscriber's organisation.
   */
  async keep(live: LiveSubscriber, ctx: RequestContext): Promise<void> {
    const { active } = ctx;
    if (!active || !live.credentials.token) return;
    const [row] = await standingOf(ctx, [live], ctx.now);
    if (!row?.relations) return;
    this.kept.set(live, {
      relations: row.relations,
      roles: active.roles,
      ability: await ctx.ability(),
    });
  }

  private async serve(asks: Ask[]): Promise<void> {
    const byOrganisation = new Map<string, Ask[]>();
    for (const ask of asks) {
      const list = byOrganisation.get(ask.signal.organisationId) ?? [];
      list.push(ask);
      byOrganisation.set(ask.signal.organisationId, list);
    }
    for (const [organisationId, group] of byOrganisation) {
      try {
        const pushes = await this.serveOrganisation(organisationId, group);
        group.forEach((ask, index) => ask.resolve(pushes[index]!));
      } catch (error) {
        for (const ask of group) ask.reject(error);
      }
    }
  }

  private async serveOrganisation(organisationId: string, asks: Ask[]): Promise<LivePush[]> {
    this.stats.batches += 1;
    const { deps } = this;
    const now = deps.clock();
    const tx = await TenantTransaction.open(deps.orm);
    try {
      // Nobody's request: the organisation alone is in scope, as for its scheduled work.
      await tx.setScope({ organisationId });
      const shared = assembleContext(deps, tx, {
        requestId: randomUUID(),
        now,
        viewer: undefined,
        active: { organisationId, slug: '', roles: [] },
        organisationRefusal: undefined,
        setSessionCookie: () => undefined,
      });
      const lives = [...new Set(asks.map((ask) => ask.live))];
      const signals = new Set(asks.map((ask) => ask.signal));
      const rows = await standingOf(shared, lives, now);
      const standing = new Map(lives.map((live, index) => [live, rows[index]]));
      const cases = new Map(
        (
          await tx.em.find(Case, {
            organisationId,
            id: { $in: [...new Set([...signals].map((signal) => signal.caseId))] },
          })
        ).map((kase) => [kase.id, kase]),
      );
      const events = new Map(
        (
          await tx.em.find(
            CaseEvent,
            // Every subscriber's ask names the same few changes: each event once.
            { organisationId, id: { $in: [...signals].flatMap((signal) => signal.eventIds) } },
            { orderBy: { sequence: 'asc' }, disableIdentityMap: true },
          )
        ).map((event) => [String(event.id), event]),
      );
      // Built once per case for everyone: what a view holds besides the entity is the same for
      // every viewer; the fields that differ are resolved per subscriber, in memory.
      const procedures = await procedureVersionsOf(tx.em, organisationId, [
        ...new Set([...cases.values()].map((kase) => kase.procedureVersionId)),
      ]);
      for (const procedure of procedures.values()) primeProcedureVersion(shared, procedure);
      const views = new Map<string, { view: CaseView; procedure: PublishedProcedure }>();
      for (const kase of cases.values()) {
        const procedure = procedures.get(kase.procedureVersionId);
        if (procedure) views.set(kase.id, { view: await toView(shared, kase), procedure });
      }

      const abilities = await this.abilitiesOf(lives, standing, now);
      const lines: BatchAccess[] = [];
      const pushes: LivePush[] = [];
      // The asks served by a group's execution, with their line, settled once it has run.
      const served = new Map<Promise<LivePush>, { push: number; line: number }[]>();
      // Per change: what each kind of ability decides, and what each group of subscribers whose
      // payload is the same by construction is sent, worked out once for all of them.
      const decided = new Map<CaseChangeSignal, Map<string, Decision>>();
      const resolved = new Map<CaseChangeSignal, Map<string, Promise<LivePush>>>();
      for (const ask of asks) {
        const kept = abilities.get(ask.live);
        if (!kept) {
          pushes.push({ kind: 'close' });
          continue;
        }
        const { signal, document } = ask;
        const abilityKey = fingerprintOf(kept);
        let decisions = decided.get(signal);
        if (!decisions) decided.set(signal, (decisions = new Map()));
        let decision = decisions.get(abilityKey);
        if (!decision) {
          decision = decide(kept, cases.get(signal.caseId), signal, events);
          decisions.set(abilityKey, decision);
        }
        const { line, kase, visible } = decision;
        if (!kase) {
          lines.push({ ...line, outcome: 'denied', denial: decision.denial });
          pushes.push(document.caseId !== undefined ? { kind: 'close' } : { kind: 'skip' });
          continue;
        }
        const allowed: BatchAccess = {
          ...line,
          outcome: 'allowed',
          onBehalfOfId: decision.onBehalfOfId,
        };
        if (visible.length === 0) {
          lines.push(allowed);
          pushes.push({ kind: 'skip' });
          continue;
        }
        // Equal documents on equal entries give equal payloads when the document reads only the
        // shared rows; otherwise the viewer is part of the key too (their ability, roles and
        // session: everything the in-memory request context is made of).
        const groupKey = `${document.key}\u0000${decision.visibleKey}${
          document.shared ? '' : `\u0000${abilityKey}\u0000${personKey(kept.person)}`
        }`;
        let groups = resolved.get(signal);
        if (!groups) resolved.set(signal, (groups = new Map()));
        let group = groups.get(groupKey);
        if (!group) {
          const built = views.get(kase.id);
          if (!built) throw new Error(`The procedure version of case ${kase.id} is missing.`);
          const { view, procedure } = built;
          this.stats.executions += 1;
          group = this.resolveInMemory(ask, kept, now, procedure, {
            cursor: encodePosition(signal.position),
            case: view,
            events: visible.map(toTimelineEventView),
          });
          // Awaited after the loop: a failure is not left unhandled while an earlier group runs.
          group.catch(() => undefined);
          groups.set(groupKey, group);
        }
        let asked = served.get(group);
        if (!asked) served.set(group, (asked = []));
        asked.push({ push: pushes.push({ kind: 'skip' }) - 1, line: lines.push(allowed) - 1 });
      }
      // Each group's execution is awaited once, not once per subscriber it serves.
      const ownRequests = new Set<number>();
      for (const [group, asked] of served) {
        const result = await group;
        for (const { push, line } of asked) {
          pushes[push] = result;
          // A push resolved in its own request logs its own read.
          if (result.kind === 'own') ownRequests.add(line);
        }
      }
      await appendBatchAccess(
        shared,
        ownRequests.size === 0 ? lines : lines.filter((_, index) => !ownRequests.has(index)),
      );
      await tx.commit();
      return pushes;
    } finally {
      await tx.rollback().catch(() => undefined);
    }
  }

  /**
   * The abilities of the batch's sockets that may still be served; a socket left out is closed.
   * An ability is rebuilt, in the socket's own request context, only when its roles or the
   * relationships it was built from changed: once per session and organisation however many
   * sockets they have open.
   */
  private async abilitiesOf(
    lives: LiveSubscriber[],
    standing: Map<LiveSubscriber, StandingRow | undefined>,
    now: Date,
  ): Promise<Map<LiveSubscriber, KeptAbility>> {
    const served = new Map<LiveSubscriber, KeptAbility>();
    const rebuilt = new Map<string, Promise<KeptAbility | undefined>>();
    // Sockets of one session share their standing row, and so its admission.
    const admissions = new Map<StandingRow, ReturnType<typeof admission>>();
    for (const live of lives) {
      const row = standing.get(live);
      let admitted: ReturnType<typeof admission>;
      if (row) {
        admitted = admissions.has(row) ? admissions.get(row) : admission(this.deps, row, now);
        admissions.set(row, admitted);
      }
      if (!row?.relations || !admitted) continue;
      const { person, roles } = admitted;
      if (live.roles.some((role) => !roles.includes(role))) continue;
      const kept = this.kept.get(live);
      if (kept && kept.relations === row.relations && sameRoles(kept.roles, roles)) {
        served.set(live, { ...kept, person });
        continue;
      }
      const key = `${row.session_id}|${row.organisation_id}|${row.relations}|${roles.join(',')}`;
      let building = rebuilt.get(key);
      if (!building) {
        building = rebuildAbility(live, row.relations);
        rebuilt.set(key, building);
      }
      const fresh = await building;
      if (!fresh) continue;
      this.kept.set(live, fresh);
      served.set(live, { ...fresh, person });
    }
    return served;
  }

  /**
   * Runs the subscriber's document on the update the batch built, in a request context that has
   * their ability and no database: whatever field would read more is left to a request of its
   * own (`own`).
   */
  private async resolveInMemory(
    ask: Ask,
    kept: KeptAbility,
    now: Date,
    procedure: PublishedProcedure,
    update: Parameters<typeof prepareCaseUpdate>[2],
  ): Promise<LivePush> {
    const ctx = assembleContext(this.deps, detachedTransaction(), {
      requestId: randomUUID(),
      now,
      viewer: kept.person,
      active: { organisationId: ask.signal.organisationId, slug: '', roles: [...kept.roles] },
      organisationRefusal: undefined,
      setSessionCookie: () => undefined,
    });
    ctx.ability = () => Promise.resolve(kept.ability);
    ctx.abilityOf = () => Promise.reject(new NeedsOwnRequest());
    primeProcedureVersion(ctx, procedure);
    prepareCaseUpdate(ctx, ask.signal, update);
    const result = await execute({
      ...ask.document.args,
      rootValue: ask.signal,
      contextValue: ctx,
    });
    if (result.errors?.some((error) => originalOf(error) instanceof NeedsOwnRequest))
      return { kind: 'own' };
    return { kind: 'result', result };
  }
}

/**
 * What one ability decides of one change: whether its holder may read the case (against the
 * fresh row), the line the case gate would log, and the change's entries they may see (the
 * audience filter of `Case.timeline`, ADR 0007). A function of the ability and the rows alone.
 */
function decide(
  kept: KeptAbility,
  kase: Case | undefined,
  signal: CaseChangeSignal,
  events: Map<string, CaseEvent>,
): Decision {
  const { ability, viewer } = kept.ability;
  const line = {
    action: 'read',
    userId: viewer.userId,
    roles: kept.roles,
    caseId: signal.caseId,
    clientId: kase?.clientId ?? null,
    ...actingFrom(kase ?? null, viewer),
  };
  if (line.actorOrganisationId === undefined && kept.roles.includes('commission'))
    // As `recordAccess` says it for a commission member the case does not place.
    Object.assign(line, {
      actorOrganisationId: viewer.commissionIds.length === 1 ? viewer.commissionIds[0]! : null,
    });
  if (!kase || !ability.can('read', asCase(kase)))
    return {
      line,
      kase: undefined,
      denial: kase ? 'not-permitted' : 'not-found',
      onBehalfOfId: null,
      visible: [],
      visibleKey: '',
    };
  const visible = signal.eventIds
    .map((id) => events.get(id))
    .filter((event): event is CaseEvent => event !== undefined)
    .filter((event) => canSeeCaseItem(ability, kase, event));
  return {
    line,
    kase,
    denial: undefined,
    onBehalfOfId: onBehalfOfClient(kase, viewer.userId),
    visible,
    visibleKey: visible.map((event) => event.id).join(','),
  };
}

const fingerprints = new WeakMap<ViewerAbility, string>();

/**
 * What a kept ability was built from, with the roles it serves, as text. `defineAbility` is a
 * function of these alone, so two abilities with the same fingerprint decide every question
 * alike. Kept per ability object (its roles are kept with it), so once per socket, not per push.
 */
function fingerprintOf({ ability, roles }: KeptAbility): string {
  let fingerprint = fingerprints.get(ability);
  if (fingerprint === undefined) {
    fingerprint = JSON.stringify([ability.viewer, roles]);
    fingerprints.set(ability, fingerprint);
  }
  return fingerprint;
}

const people = new WeakMap<Viewer, string>();

/** The session a push is resolved as, as text (the sockets of one session share the object). */
function personKey(person: Viewer | undefined): string {
  if (!person) return '';
  let key = people.get(person);
  if (key === undefined) {
    key = JSON.stringify(person);
    people.set(person, key);
  }
  return key;
}

/** The sockets' standing, in their order: one statement, whatever their number. */
async function standingOf(
  ctx: RequestContext,
  lives: readonly LiveSubscriber[],
  now: Date,
): Promise<(StandingRow | undefined)[]> {
  if (lives.length === 0) return [];
  // The sockets of one session in one organisation stand alike: each pair is asked (and its
  // token hashed) once, and those sockets share the row.
  const pairs = new Map<string, number>();
  const hashes: string[] = [];
  const slugs: string[] = [];
  const ords = lives.map(({ credentials }) => {
    const token = credentials.token ?? '';
    const slug = credentials.organisationSlug ?? '';
    const pair = `${token}\u0000${slug}`;
    let ord = pairs.get(pair);
    if (ord === undefined) {
      hashes.push(token ? hashSessionToken(token) : '');
      slugs.push(slug);
      ord = hashes.length;
      pairs.set(pair, ord);
    }
    return ord;
  });
  const rows = await ctx.em.execute<StandingRow[]>(
    // The lists go as array constructors: the driver spreads an array binding into its items.
    'select * from app.live_socket_standing(array[?]::text[], array[?]::text[], ?)',
    [hashes, slugs, now],
  );
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
  return ords.map((ord) => byOrd.get(ord));
}

/**
 * Who a socket serves and with which roles, by the rules every request passes (`liveViewer`,
 * `admitToOrganisation`), or undefined when it may not be served at all.
 */
function admission(
  deps: ContextDeps,
  row: StandingRow,
  now: Date,
): { person: Viewer; roles: readonly Role[] } | undefined {
  const viewer = liveViewer(
    row.session_id
      ? {
          id: row.session_id,
          userId: row.user_id!,
          revokedAt: row.revoked_at,
          expiresAt: new Date(row.expires_at!),
          lastSeenAt: new Date(row.last_seen_at!),
          mfaRequired: row.mfa_required === true,
          mfaVerifiedAt: row.mfa_verified_at,
        }
      : null,
    deps.config,
    now,
  );
  if (!viewer) return undefined;
  try {
    const { roles } = admitToOrganisation(
      viewer,
      row.organisation_id
        ? {
            id: row.organisation_id,
            slug: row.slug!,
            mfaRequiredForStaff: row.mfa_required_for_staff === true,
          }
        : null,
      row.roles ? { roles: row.roles as Role[] } : null,
    );
    return { person: viewer, roles };
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

/** A socket's ability built anew in its own request context, as a query would build it. */
async function rebuildAbility(
  live: LiveSubscriber,
  relations: string,
): Promise<KeptAbility | undefined> {
  const ctx = await live.open();
  try {
    if (!ctx.viewer || ctx.organisationRefusal || !ctx.active) return undefined;
    return { relations, roles: ctx.active.roles, ability: await ctx.ability() };
  } finally {
    await ctx.tx.rollback().catch(() => undefined);
  }
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/** A transaction that is not there: any use of it means the push needs a request of its own. */
function detachedTransaction(): TenantTransaction {
  const refuse = (): never => {
    throw new NeedsOwnRequest();
  };
  const em = new Proxy({}, { get: refuse });
  return new Proxy({} as TenantTransaction, {
    get: (_target, property) => (property === 'em' ? em : refuse()),
  });
}
