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
export type OrganisationAction = 'publishProcedure' | 'readAccessLog' | 'readRegister';

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
  [CaseAction, 'Case' | ReturnType<typeof asCase>] | [OrganisationAction, 'Organisation'];
export type AppAbility = MongoAbility<Abilities>;

/** Who is asking, in the active organisation. */
export interface AbilityViewer {
  userId: string;
  roles: readonly Role[];
  /** Commission organisations the viewer is a member of (for referred cases). */
  commissionIds: readonly string[];
}

type Builder = AbilityBuilder<AppAbility>;

/** One function per role: what that role may do, and nothing about other roles. */
const ROLE_RULES: Record<Role, (builder: Builder, viewer: AbilityViewer) => void> = {
  client({ can }, { userId }) {
    can('read', 'Case', { clientId: userId });
    can('file', 'Case');
  },
  confidant({ can }, { userId }) {
    // Only while a grant is live: the case row lists exactly the confidants with a live grant.
    can('read', 'Case', { confidantIds: userId });
  },
  handler({ can }, { userId }) {
    can(['read', 'readInternal'], 'Case', { handlerIds: userId });
    can('file', 'Case');
  },
  manager({ can }) {
    can(['read', 'readInternal', 'file'], 'Case');
    can('readRegister', 'Organisation');
  },
  director({ can }) {
    can(['read', 'readInternal', 'file'], 'Case');
    can(['publishProcedure', 'readAccessLog', 'readRegister'], 'Organisation');
  },
  commission({ can }, { commissionIds }) {
    can('read', 'Case', { commissionIds: { $in: [...commissionIds] } });
  },
};

/**
 * The one ability factory: the union of the viewer's roles, then restrictions that hold whatever
 * the role. A person a complaint is about is recused: they never see it as staff (what hearing
 * both sides needs reaches them through the handler, not through the dossier).
 */
export function defineAbility(viewer: AbilityViewer): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const role of viewer.roles) {
    if (!isRole(role)) throw new Error(`Unknown role: ${String(role)}`);
    ROLE_RULES[role](builder, viewer);
  }
  builder.cannot(['read', 'readInternal'], 'Case', { subjectIds: viewer.userId });
  return builder.build();
}

/** Tags a case-shaped object so CASL checks it against the Case rules. */
export function asCase<T extends CaseVisibility>(value: T) {
  return subject('Case', value);
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
    default:
      throw new Error(`No SQL translation for CASL operator "${node.operator}"`);
  }
}

function isArrayField(field: string | undefined): boolean {
  return field !== undefined && ARRAY_FIELDS.has(field as keyof CaseVisibility);
}
