import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { isRole, type Role } from '@klachtpad/contracts';
import type { ConfidantGrant as GrantScope, Position, Responsible } from '@klachtpad/procedures';

/** What a viewer can do with one case. */
export type CaseAction =
  /** See the dossier as a participant: the client-visible part. */
  | 'read'
  /** See staff-only parts: internal notes and events. */
  | 'readInternal'
  /**
   * Add to the case in one's own standing: post a message, upload a document, take a procedure
   * step, sign minutes. What kind of item (its audience) and which step are then the item's and
   * the procedure's to say.
   */
  | 'contribute'
  /**
   * Act as staff on the case: meetings, minutes, letters, measures, bundles, referrals, consent
   * documents, the procedure's clock. Whoever may do this may also `contribute`.
   */
  | 'work'
  /** Make someone responsible for the case (assign a handler). */
  | 'assign'
  /** Record whom the complaint is about, once staff know the person (ADR 0097). */
  | 'nameSubjects'
  /** Give or take back a confidant's access (the case's client). */
  | 'manageConfidants'
  /** Approve or decline what is shared with a commission, as or for the client. */
  | 'decideBundle'
  /** Read who accessed the dossier (NEN 7513). */
  | 'readAccessLog'
  /** Set or lift a legal hold that keeps the case from anonymisation (ADR 0094). */
  | 'holdRetention';

/** What a viewer can do for a client of the organisation. */
export type ClientAction =
  /** File one's own complaint. */
  | 'file'
  /** File a complaint on this client's behalf, on their standing authorisation (a confidant). */
  | 'fileOnBehalf';

/**
 * What a viewer can do with a stage of a case: make someone responsible for it (ADR 0098). The
 * subject carries who the procedure makes responsible there: its role and a director's position.
 */
export type StageAction = 'assign';

/** What a viewer can do with a measure a decision recorded. */
export type MeasureAction = 'complete';

/**
 * Who may see a content item of a case (timeline event, message, document, minutes, letter):
 * - `shared`: the client side (client, confidant with a grant) and staff on the case;
 * - `internal`: staff on the case only;
 * - `subject`: staff and the one subject it is addressed to (hearing both sides).
 * Independently, an item is `bundled` once it is part of what a referred commission may see.
 */
export type ItemVisibility = 'shared' | 'internal' | 'subject';
export const ITEM_VISIBILITIES: readonly ItemVisibility[] = ['shared', 'internal', 'subject'];

/** The fields of an item that decide who sees it, next to those of its case. */
export interface ItemAudience {
  visibility: ItemVisibility;
  bundled: boolean;
  /** The one person a `subject` item is addressed to. */
  addresseeId: string | null;
}
export type OrganisationAction =
  /** Publish a new version of the procedure. */
  | 'configureProcedure'
  | 'readRegister'
  /**
   * See the management dashboard's lead times and monthly trends (ADR 0086), over the cases the
   * ability lets one read: managers and directors.
   */
  | 'readInsights'
  /** Link the procedure's commissions to commission organisations, with a referral term. */
  | 'manageCommissions'
  /** End or extend a case's referral to a commission. */
  | 'manageReferrals'
  /** Change the organisation's settings, such as the handlers' intake queue. */
  | 'manageSettings'
  /**
   * Manage the units (teams, locations) with their managers, staff's units, directors' positions
   * and the routing rules per stage (ADR 0098).
   */
  | 'manageRouting'
  /** Register a complaint for any client of the organisation (in person, by phone, on paper). */
  | 'fileForClient'
  /** See the organisation's confidants, to choose one. */
  | 'listConfidants'
  /** Give a confidant a standing authorisation to file on one's behalf. */
  | 'authoriseConfidants'
  /**
   * Make an account for a client who came in person, and invite it to the portal (ADR 0096).
   */
  | 'createClientAccounts'
  /** See the organisation's people by role, to choose one (names, no contact details). */
  | 'listMembers'
  /**
   * Invite people, change their roles and end their access; a manager only for the roles of
   * casework (MANAGER_GRANTS in the members module), a director for every role.
   */
  | 'manageMembers'
  /** Set the retention term and see the cases that fall due for anonymisation (ADR 0094). */
  | 'manageRetention'
  /**
   * Read the organisation's whole access log, every case and person (ADR 0087); the service
   * also asks for a session that passed its second factor, and leaves out the cases the reader
   * is a subject of.
   */
  | 'readAccessLog'
  /** Ask for one's own data, or its erasure, under the AVG (ADR 0095): the client themselves. */
  | 'requestOwnData'
  /** See, extend, answer and decide the clients' AVG requests (ADR 0095). */
  | 'handleDataRequests';

/**
 * The fields of a case that decide who sees it; the same names as the `Case` entity, so one rule
 * works on a loaded case and, translated, as an SQL filter.
 */
export interface CaseVisibility {
  id: string;
  /** Null for an anonymised case: no client sees it any more. */
  clientId: string | null;
  handlerIds: string[];
  subjectIds: string[];
  confidantIds: string[];
  commissionIds: string[];
  /**
   * The bestuur has the complaint (ADR 0098): a stage of the bestuur's is or was the case's last
   * director's stage. A directie apart from its bestuur then reads the case, and does no more.
   */
  withBestuur: boolean;
}

/**
 * The fields that decide who reads a case, without those that decide who writes on it: what the
 * dashboard's views carry, as a count is read, never written.
 */
export type CaseReadFields = Omit<CaseVisibility, 'withBestuur'>;

type Abilities =
  | [CaseAction, 'Case' | ReturnType<typeof asCase>]
  | ['read', 'CaseItem' | ReturnType<typeof asCaseItem>]
  | [MeasureAction, 'Measure' | ReturnType<typeof asMeasure>]
  | [StageAction, 'Stage' | ReturnType<typeof asStage>]
  | [ClientAction, 'Client' | ReturnType<typeof asClient>]
  | [OrganisationAction, 'Organisation'];
export type AppAbility = MongoAbility<Abilities>;

/** Who is asking, in the active organisation: roles and the relationships the rules need. */
export interface AbilityViewer {
  userId: string;
  roles: readonly Role[];
  /** Commission organisations the viewer is a member of. */
  commissionIds: readonly string[];
  /**
   * Cases referred to those commissions whose referral runs now (not ended, term not passed):
   * read-only, so a referral whose term has passed gives no access even before expiry is recorded.
   */
  referredCaseIds: readonly string[];
  /**
   * The organisation lets every handler see cases no handler is assigned to yet (the intake
   * queue), so whoever is free can pick one up.
   */
  handlerIntakeQueue: boolean;
  /** The scopes of the viewer's live confidant grants, by case. */
  caseGrants: Readonly<Record<string, readonly GrantScope[]>>;
  /** Clients whose live standing authorisation lets the viewer file on their behalf (`submit`). */
  authorisedClientIds: readonly string[];
  /**
   * A director's positions (ADR 0098): undefined where the organisation does not tell directie
   * and bestuur apart (its directors hold both), as the procedure engine reads an actor.
   */
  positions?: readonly Position[];
}

/** A viewer with no relationships beyond their roles (tests, and roles that need none). */
export function plainViewer(userId: string, roles: readonly Role[]): AbilityViewer {
  return {
    userId,
    roles,
    commissionIds: [],
    referredCaseIds: [],
    handlerIntakeQueue: false,
    caseGrants: {},
    authorisedClientIds: [],
  };
}

type Builder = AbilityBuilder<AppAbility>;

/**
 * What every member of the organisation's staff (STAFF_ROLES: handler, manager, director) may do,
 * named once; each staff role adds its own on top.
 */
function staffRules({ can }: Builder, { userId }: AbilityViewer) {
  can(
    [
      'fileForClient',
      'createClientAccounts',
      'listConfidants',
      'listMembers',
      'handleDataRequests',
    ],
    'Organisation',
  );
  // The owner of a measure carries it out, when the procedure named them by their id.
  can('complete', 'Measure', { ownerId: userId });
}

/** What managers and directors, who see every case of the organisation, may do with it. */
function leadershipRules({ can }: Builder) {
  can(['read', 'readInternal', 'contribute', 'work', 'assign', 'nameSubjects'], 'Case');
  can('read', 'CaseItem');
  can('complete', 'Measure');
  can(['readRegister', 'readInsights', 'manageReferrals', 'manageMembers'], 'Organisation');
}

/** One function per role: what that role may do, and nothing about other roles. */
const ROLE_RULES: Record<Role, (builder: Builder, viewer: AbilityViewer) => void> = {
  client({ can }, { userId }) {
    const own = { clientId: userId };
    can(['read', 'contribute', 'manageConfidants', 'decideBundle', 'readAccessLog'], 'Case', own);
    can('read', 'CaseItem', { ...own, visibility: 'shared' });
    can('file', 'Client', { id: userId });
    can(['listConfidants', 'authoriseConfidants', 'requestOwnData'], 'Organisation');
  },
  confidant({ can }, { userId, caseGrants, authorisedClientIds }) {
    // Only while a grant is live: the case row lists exactly the confidants with a live grant,
    // and they see what the client sees, never internal notes.
    can(['read', 'contribute'], 'Case', { confidantIds: userId });
    can('read', 'CaseItem', { confidantIds: userId, visibility: 'shared' });
    const submit = Object.entries(caseGrants)
      .filter(([, scopes]) => scopes.includes('submit'))
      .map(([caseId]) => caseId);
    if (submit.length > 0)
      can('decideBundle', 'Case', { confidantIds: userId, id: { $in: submit } });
    can('fileOnBehalf', 'Client', { id: { $in: [...authorisedClientIds] } });
  },
  handler(builder, viewer) {
    const { can } = builder;
    const { userId, handlerIntakeQueue } = viewer;
    staffRules(builder, viewer);
    can(['read', 'readInternal', 'contribute', 'work', 'nameSubjects'], 'Case', {
      handlerIds: userId,
    });
    can('read', 'CaseItem', { handlerIds: userId });
    if (handlerIntakeQueue) {
      // Until someone is assigned, the case is every handler's to read as staff; the subject
      // rules below still recuse a handler the complaint is about.
      const unassigned = { handlerIds: { $size: 0 } };
      can(['read', 'readInternal', 'contribute', 'work'], 'Case', unassigned);
      can('read', 'CaseItem', unassigned);
    }
  },
  manager(builder, viewer) {
    staffRules(builder, viewer);
    leadershipRules(builder);
    // The stages of casework: a handler's and a manager's; the directie and bestuur are above.
    builder.can('assign', 'Stage', { role: { $in: ['handler', 'manager'] } });
  },
  director(builder, viewer) {
    staffRules(builder, viewer);
    leadershipRules(builder);
    builder.can('assign', 'Stage');
    // A directie apart from its bestuur does not decide who answers for the bestuur (seed 003).
    if (isDirectieOnly(viewer)) builder.cannot('assign', 'Stage', { position: 'bestuur' });
    builder.can(['readAccessLog', 'holdRetention'], 'Case');
    builder.can(
      [
        'configureProcedure',
        'manageCommissions',
        'manageSettings',
        'manageRouting',
        'manageRetention',
        'readAccessLog',
      ],
      'Organisation',
    );
  },
  commission({ can }, { commissionIds, referredCaseIds }) {
    // Only the bundle shared with the commission, only while the referral runs: the case row
    // lists the commissions with a live referral, and the referral's term must not have passed.
    const referred = {
      commissionIds: { $in: [...commissionIds] },
      id: { $in: [...referredCaseIds] },
    };
    can(['read', 'contribute'], 'Case', referred);
    can('read', 'CaseItem', { ...referred, bundled: true });
  },
};

/** A director of an organisation that tells directie and bestuur apart, not of the bestuur. */
function isDirectieOnly(viewer: AbilityViewer): boolean {
  return (
    viewer.roles.includes('director') &&
    viewer.positions !== undefined &&
    !viewer.positions.includes('bestuur')
  );
}

/**
 * Everything staff may do on a case besides adding to it, or change about it: what a directie
 * apart from its bestuur is refused once the bestuur has the complaint, with `contribute`.
 */
const STAFF_CASE_WRITES = [
  'work',
  'assign',
  'nameSubjects',
  'holdRetention',
] as const satisfies readonly CaseAction[];

/**
 * The one ability factory: the union of the viewer's roles, then the relationship every role
 * can have. A person a complaint is about (the subject) is recused whatever their role: they see
 * the case itself (its parts, stage, deadlines and outcomes) and only the items addressed to
 * them, never internal or client-side items, and they never act as staff on it.
 */
export function defineAbility(viewer: AbilityViewer): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const role of viewer.roles) {
    if (!isRole(role)) throw new Error(`Unknown role: ${String(role)}`);
    ROLE_RULES[role](builder, viewer);
  }
  // After a forward the directie keeps reading the case, internal items included, and writes
  // nothing on it whatever else they are (seed 003): one rule for every write, after the roles'.
  // A directeur the complaint is about still adds their own side: written into the condition,
  // not left to the subject's rule below, because the SQL translation (CASL's `rulesToQuery`)
  // applies every `cannot` to all of a viewer's `can`s, whatever their order.
  if (isDirectieOnly(viewer)) {
    const withBestuur = { withBestuur: true };
    builder.cannot([...STAFF_CASE_WRITES], 'Case', withBestuur);
    builder.cannot('contribute', 'Case', { ...withBestuur, subjectIds: { $ne: viewer.userId } });
    builder.cannot('complete', 'Measure', withBestuur);
  }
  const subjectOf = { subjectIds: viewer.userId };
  // Heard, the subject adds their own side (a statement, minutes they sign): never as staff.
  builder.can(['read', 'contribute'], 'Case', subjectOf);
  builder.can('read', 'CaseItem', {
    ...subjectOf,
    visibility: 'subject',
    addresseeId: viewer.userId,
  });
  builder.cannot(
    ['readInternal', 'work', 'assign', 'nameSubjects', 'readAccessLog', 'holdRetention'],
    'Case',
    subjectOf,
  );
  builder.cannot('complete', 'Measure', subjectOf);
  builder.cannot('read', 'CaseItem', { ...subjectOf, visibility: { $in: ['shared', 'internal'] } });
  builder.cannot('read', 'CaseItem', {
    ...subjectOf,
    visibility: 'subject',
    addresseeId: { $ne: viewer.userId },
  });
  return builder.build();
}

/**
 * The ability for a viewer, kept across requests. An ability is a pure function of its viewer
 * (roles, relationships, position: all read afresh by every request), so two requests of the same
 * standing get the same one: its rules are built and their conditions compiled once, and what is
 * memoised per ability (the item filters, the case filters) is asked once per standing instead of
 * once per request (issue 14). A change of standing is a different viewer, so a different key:
 * nothing is ever kept past it. The least recently used are let go beyond `MAX_KEPT_ABILITIES`.
 */
export function abilityFor(viewer: AbilityViewer): AppAbility {
  const key = JSON.stringify(viewer);
  let ability = keptAbilities.get(key);
  if (ability) {
    keptAbilities.delete(key);
  } else {
    ability = defineAbility(viewer);
    if (keptAbilities.size >= MAX_KEPT_ABILITIES)
      keptAbilities.delete(keptAbilities.keys().next().value!);
  }
  keptAbilities.set(key, ability);
  return ability;
}

const keptAbilities = new Map<string, AppAbility>();
const MAX_KEPT_ABILITIES = 2000;

/** Tags a case-shaped object so CASL checks it against the Case rules. */
export function asCase<T extends CaseVisibility>(value: T) {
  return subject('Case', value);
}

/** Tags a stage by whom the procedure makes responsible there, for the Stage rules. */
export function asStage(responsible: Responsible) {
  return subject('Stage', { role: responsible.role, position: responsible.position ?? null });
}

/** Tags a client of the organisation (by user id) for the Client rules. */
export function asClient(clientId: string) {
  return subject('Client', { id: clientId });
}

/** Tags a measure of a loaded case for the Measure rules; `ownerId` when a person owns it. */
export function asMeasure(kase: CaseVisibility, ownerId: string | null) {
  return subject('Measure', { ...visibilityOf(kase), ownerId });
}

function visibilityOf(kase: CaseVisibility): CaseVisibility {
  return {
    id: kase.id,
    clientId: kase.clientId,
    handlerIds: kase.handlerIds,
    subjectIds: kase.subjectIds,
    confidantIds: kase.confidantIds,
    commissionIds: kase.commissionIds,
    withBestuur: kase.withBestuur,
  };
}

/** Tags an item (with its case's visibility fields) so CASL checks it against the CaseItem rules. */
export function asCaseItem(kase: CaseVisibility, item: ItemAudience) {
  // Only the audience fields of the item: a row's own `id` must never stand in for the case's.
  return subject('CaseItem', {
    ...visibilityOf(kase),
    visibility: item.visibility,
    bundled: item.bundled,
    addresseeId: item.addresseeId,
  });
}

/**
 * Whether everyone who may see `item` may also see `attachment` (both unbundled, of one case), so
 * an item never points its readers at something hidden from them: a shared item carries only
 * shared attachments, an internal note shared or internal ones (its readers are staff on the
 * case), an item to one subject only what is addressed to that subject.
 */
export function audienceCovers(item: ItemAudience, attachment: ItemAudience): boolean {
  switch (item.visibility) {
    case 'shared':
      return attachment.visibility === 'shared';
    case 'internal':
      return attachment.visibility === 'shared' || attachment.visibility === 'internal';
    case 'subject':
      return attachment.visibility === 'subject' && attachment.addresseeId === item.addresseeId;
  }
}

/** Whether the viewer may see one item of a loaded case. */
export function canSeeCaseItem(ability: AppAbility, kase: CaseVisibility, item: ItemAudience) {
  return ability.can('read', asCaseItem(kase, item));
}

/**
 * A MikroORM filter on any item table (columns `visibility`, `bundled`, `addresseeId`) for the
 * items of one loaded case the viewer may see, or `false` for none. The case is already loaded,
 * so its fields are known; the item fields take few values, so every combination is asked of the
 * ability itself: the filter cannot disagree with `canSeeCaseItem`.
 *
 * Combinations that come with the same condition on the addressee are written as one `$in` (staff
 * on a case see all six as one term): the same rows, and a list of many cases renders, sends and
 * plans a filter of a few terms instead of six per case.
 */
export function caseItemFilter(
  ability: AppAbility,
  kase: CaseVisibility,
  viewerId: string,
): Record<string, unknown> | false {
  // Twelve checks of the ability per case (240 for a page of twenty) give the same answer for
  // every case whose fields the item rules read are the same (for staff on a page, all of them):
  // asked once per such combination, per ability.
  let memo = itemFilters.get(ability);
  if (!memo)
    itemFilters.set(ability, (memo = { fields: itemRuleCaseFields(ability), byKey: new Map() }));
  const key = `${viewerId}\u0000${JSON.stringify(memo.fields.map((field) => kase[field]))}`;
  let filter = memo.byKey.get(key);
  if (filter === undefined) {
    if (memo.byKey.size >= MAX_MEMOISED_AUDIENCES) memo.byKey.clear();
    memo.byKey.set(key, (filter = askCaseItemFilter(ability, kase, viewerId)));
  }
  // A copy: callers hand it to the ORM, which may rewrite a filter it is given.
  return filter === false ? false : (structuredClone(filter) as Record<string, unknown>);
}

/** Per ability, the case fields its item rules read and the filter per combination of them. */
const itemFilters = new WeakMap<
  AppAbility,
  { fields: (keyof CaseVisibility)[]; byKey: Map<string, Record<string, unknown> | false> }
>();
const MAX_MEMOISED_AUDIENCES = 1000;
const CASE_VISIBILITY_FIELDS: readonly (keyof CaseVisibility)[] = [
  'id',
  'clientId',
  'handlerIds',
  'subjectIds',
  'confidantIds',
  'commissionIds',
];
const ITEM_AUDIENCE_FIELDS = new Set<string>(['visibility', 'bundled', 'addresseeId']);

/**
 * The case fields the ability's `read CaseItem` rules (and their exceptions) have conditions on:
 * only these can change the answer for one item audience. A condition on anything else (an
 * operator at the top, a field restriction) makes every case field count, so a rule of a kind
 * not foreseen here costs checks, never widens what is shown.
 */
function itemRuleCaseFields(ability: AppAbility): (keyof CaseVisibility)[] {
  const fields = new Set<keyof CaseVisibility>();
  for (const rule of ability.rulesFor('read', 'CaseItem')) {
    if (rule.fields) return [...CASE_VISIBILITY_FIELDS];
    for (const name of Object.keys((rule.conditions ?? {}) as object)) {
      if (ITEM_AUDIENCE_FIELDS.has(name)) continue;
      if (!(CASE_VISIBILITY_FIELDS as readonly string[]).includes(name))
        return [...CASE_VISIBILITY_FIELDS];
      fields.add(name as keyof CaseVisibility);
    }
  }
  return CASE_VISIBILITY_FIELDS.filter((field) => fields.has(field));
}

/** `caseItemFilter` asked of the ability itself, combination by combination. */
function askCaseItemFilter(
  ability: AppAbility,
  kase: CaseVisibility,
  viewerId: string,
): Record<string, unknown> | false {
  // Per addressee condition (none, the viewer only, anyone but the viewer): which combinations.
  const byCondition = new Map<'any' | 'viewer' | 'others', Map<boolean, ItemVisibility[]>>();
  const allow = (
    condition: 'any' | 'viewer' | 'others',
    visibility: ItemVisibility,
    bundled: boolean,
  ) => {
    const perBundled = byCondition.get(condition) ?? new Map<boolean, ItemVisibility[]>();
    perBundled.set(bundled, [...(perBundled.get(bundled) ?? []), visibility]);
    byCondition.set(condition, perBundled);
  };
  for (const visibility of ITEM_VISIBILITIES) {
    for (const bundled of [false, true]) {
      const toViewer = canSeeCaseItem(ability, kase, {
        visibility,
        bundled,
        addresseeId: viewerId,
      });
      const toOthers = canSeeCaseItem(ability, kase, { visibility, bundled, addresseeId: null });
      if (toViewer && toOthers) allow('any', visibility, bundled);
      else if (toViewer) allow('viewer', visibility, bundled);
      else if (toOthers) allow('others', visibility, bundled);
    }
  }
  const addressee = {
    any: {},
    viewer: { addresseeId: viewerId },
    others: { $or: [{ addresseeId: null }, { addresseeId: { $ne: viewerId } }] },
  };
  const allowed: Record<string, unknown>[] = [];
  for (const [condition, perBundled] of byCondition) {
    const unbundled = perBundled.get(false) ?? [];
    const bundledToo = perBundled.get(true) ?? [];
    const same =
      unbundled.length === bundledToo.length && unbundled.every((v) => bundledToo.includes(v));
    const terms: [ItemVisibility[], boolean[]][] = same
      ? [[unbundled, [false, true]]]
      : [
          [unbundled, [false]],
          [bundledToo, [true]],
        ];
    for (const [visibilities, bundled] of terms)
      if (visibilities.length > 0)
        allowed.push({
          visibility: visibilities.length === 1 ? visibilities[0] : { $in: visibilities },
          bundled: bundled.length === 1 ? bundled[0] : { $in: bundled },
          ...addressee[condition],
        });
  }
  return allowed.length === 0 ? false : allowed.length === 1 ? allowed[0]! : { $or: allowed };
}

/** A MikroORM filter on the `Case` entity, or `false` when the viewer may see no case at all. */
export type CaseFilter = Record<string, unknown> | false;

/** Array columns: CASL's "field equals value" means "array contains value" for these. */
const ARRAY_FIELDS = new Set<keyof CaseVisibility>([
  'handlerIds',
  'subjectIds',
  'confidantIds',
  'commissionIds',
]);

interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

/**
 * Translates the ability's Case rules into a MikroORM filter, so lists are filtered, paginated
 * and counted in SQL and never fetched-then-filtered. Throws on an operator it does not know, so
 * a new kind of rule cannot silently widen access.
 */
export function caseFilter(ability: AppAbility, action: CaseAction): CaseFilter {
  let filters = caseFilters.get(ability);
  if (!filters) caseFilters.set(ability, (filters = new Map()));
  let filter = filters.get(action);
  if (filter === undefined) filters.set(action, (filter = translateCaseRules(ability, action)));
  // A copy: callers hand it to the ORM, which may rewrite a filter it is given.
  return filter === false ? false : (structuredClone(filter) as Record<string, unknown>);
}

/** Per ability (kept across requests, `abilityFor`), its Case rules as a filter per action. */
const caseFilters = new WeakMap<AppAbility, Map<CaseAction, CaseFilter>>();

function translateCaseRules(ability: AppAbility, action: CaseAction): CaseFilter {
  if (!ability.can(action, 'Case')) return false;
  const ast = rulesToAST(ability, action, 'Case') as AstNode | null;
  if (!ast) return {};
  return translate(ast);
}

function translate(node: AstNode): Record<string, unknown> {
  switch (node.operator) {
    case 'and':
      return { $and: (node.value as AstNode[]).map(translate) };
    case 'or':
      return { $or: (node.value as AstNode[]).map(translate) };
    case 'not':
      return { $not: { $and: (node.value as AstNode[]).map(translate) } };
    case 'eq':
      return isArrayField(node.field)
        ? { [node.field!]: { $contains: [node.value] } }
        : { [node.field!]: node.value };
    case 'in':
      return isArrayField(node.field)
        ? { [node.field!]: { $overlap: node.value } }
        : { [node.field!]: { $in: node.value } };
    case 'ne':
      // CASL's "not equal" on an array is "does not contain"; on a column, NULL is unequal too.
      return isArrayField(node.field)
        ? { $not: { [node.field!]: { $contains: [node.value] } } }
        : { $or: [{ [node.field!]: { $ne: node.value } }, { [node.field!]: null }] };
    case 'size':
      // Only "no element" is needed (the intake queue) and has an exact SQL form: the empty array.
      if (!isArrayField(node.field) || node.value !== 0)
        throw new Error(`No SQL translation for CASL $size ${String(node.value)} on ${node.field}`);
      return { [node.field!]: { $eq: [] } };
    default:
      throw new Error(`No SQL translation for CASL operator "${node.operator}"`);
  }
}

function isArrayField(field: string | undefined): boolean {
  return field !== undefined && ARRAY_FIELDS.has(field as keyof CaseVisibility);
}
