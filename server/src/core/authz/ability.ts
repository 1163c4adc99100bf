import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { isRole, type Role } from '@klachtpad/contracts';

/** What a viewer can do with cases and with their organisation. */
export type CaseAction =
  /** See the dossier as a participant: the client-visible part. */
  | 'read'
  /** See staff-only parts: internal notes and events. */
  | 'readInternal'
  /** Register a complaint. */
  | 'file';

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
  | 'publishProcedure'
  | 'readAccessLog'
  | 'readRegister'
  /** Link the procedure's commissions to commission organisations, with a referral term. */
  | 'manageCommissions'
  /** End or extend a case's referral to a commission. */
  | 'manageReferrals'
  /** Change the organisation's settings, such as the handlers' intake queue. */
  | 'manageSettings';

/**
 * The fields of a case that decide who sees it; the same names as the `Case` entity, so one rule
 * works on a loaded case and, translated, as an SQL filter.
 */
export interface CaseVisibility {
  clientId: string;
  handlerIds: string[];
  subjectIds: string[];
  confidantIds: string[];
  commissionIds: string[];
}

type Abilities =
  | [CaseAction, 'Case' | ReturnType<typeof asCase>]
  | ['read', 'CaseItem' | ReturnType<typeof asCaseItem>]
  | [OrganisationAction, 'Organisation'];
export type AppAbility = MongoAbility<Abilities>;

/** Who is asking, in the active organisation. */
export interface AbilityViewer {
  userId: string;
  roles: readonly Role[];
  /** Commission organisations the viewer is a member of (for referred cases). */
  commissionIds: readonly string[];
  /**
   * The organisation lets every handler see cases no handler is assigned to yet (the intake
   * queue), so whoever is free can pick one up.
   */
  handlerIntakeQueue: boolean;
}

type Builder = AbilityBuilder<AppAbility>;

/** One function per role: what that role may do, and nothing about other roles. */
const ROLE_RULES: Record<Role, (builder: Builder, viewer: AbilityViewer) => void> = {
  client({ can }, { userId }) {
    can('read', 'Case', { clientId: userId });
    can('read', 'CaseItem', { clientId: userId, visibility: 'shared' });
    can('file', 'Case');
  },
  confidant({ can }, { userId }) {
    // Only while a grant is live: the case row lists exactly the confidants with a live grant,
    // and they see what the client sees, never internal notes.
    can('read', 'Case', { confidantIds: userId });
    can('read', 'CaseItem', { confidantIds: userId, visibility: 'shared' });
  },
  handler({ can }, { userId, handlerIntakeQueue }) {
    can(['read', 'readInternal'], 'Case', { handlerIds: userId });
    can('read', 'CaseItem', { handlerIds: userId });
    can('file', 'Case');
    if (handlerIntakeQueue) {
      // Until someone is assigned, the case is every handler's to read as staff; the subject
      // rules below still recuse a handler the complaint is about.
      const unassigned = { handlerIds: { $size: 0 } };
      can(['read', 'readInternal'], 'Case', unassigned);
      can('read', 'CaseItem', unassigned);
    }
  },
  manager({ can }) {
    can(['read', 'readInternal', 'file'], 'Case');
    can('read', 'CaseItem');
    can(['readRegister', 'manageReferrals'], 'Organisation');
  },
  director({ can }) {
    can(['read', 'readInternal', 'file'], 'Case');
    can('read', 'CaseItem');
    can(
      [
        'publishProcedure',
        'readAccessLog',
        'readRegister',
        'manageCommissions',
        'manageReferrals',
        'manageSettings',
      ],
      'Organisation',
    );
  },
  commission({ can }, { commissionIds }) {
    // Only the bundle shared with the commission, only while the referral is live (the case row
    // lists exactly the commissions with a live referral).
    const referred = { commissionIds: { $in: [...commissionIds] } };
    can('read', 'Case', referred);
    can('read', 'CaseItem', { ...referred, bundled: true });
  },
};

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
  const subjectOf = { subjectIds: viewer.userId };
  builder.can('read', 'Case', subjectOf);
  builder.can('read', 'CaseItem', {
    ...subjectOf,
    visibility: 'subject',
    addresseeId: viewer.userId,
  });
  builder.cannot('readInternal', 'Case', subjectOf);
  builder.cannot('read', 'CaseItem', { ...subjectOf, visibility: { $in: ['shared', 'internal'] } });
  builder.cannot('read', 'CaseItem', {
    ...subjectOf,
    visibility: 'subject',
    addresseeId: { $ne: viewer.userId },
  });
  return builder.build();
}

/** Tags a case-shaped object so CASL checks it against the Case rules. */
export function asCase<T extends CaseVisibility>(value: T) {
  return subject('Case', value);
}

/** Tags an item (with its case's visibility fields) so CASL checks it against the CaseItem rules. */
export function asCaseItem(kase: CaseVisibility, item: ItemAudience) {
  return subject('CaseItem', {
    clientId: kase.clientId,
    handlerIds: kase.handlerIds,
    subjectIds: kase.subjectIds,
    confidantIds: kase.confidantIds,
    commissionIds: kase.commissionIds,
    ...item,
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
 */
export function caseItemFilter(
  ability: AppAbility,
  kase: CaseVisibility,
  viewerId: string,
): Record<string, unknown> | false {
  const allowed: Record<string, unknown>[] = [];
  for (const visibility of ITEM_VISIBILITIES) {
    for (const bundled of [false, true]) {
      const toViewer = canSeeCaseItem(ability, kase, {
        visibility,
        bundled,
        addresseeId: viewerId,
      });
      const toOthers = canSeeCaseItem(ability, kase, { visibility, bundled, addresseeId: null });
      if (toViewer && toOthers) allowed.push({ visibility, bundled });
      else if (toViewer) allowed.push({ visibility, bundled, addresseeId: viewerId });
      else if (toOthers)
        allowed.push({
          visibility,
          bundled,
          $or: [{ addresseeId: null }, { addresseeId: { $ne: viewerId } }],
        });
    }
  }
  return allowed.length === 0 ? false : { $or: allowed };
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
