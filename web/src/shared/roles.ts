import { isRole, type Role } from '@klachtpad/contracts';

/** The GraphQL `Role` enum carries the role names in upper case. */
export type RoleValue = Uppercase<Role>;

/** Reads enum values from the API; unknown values are dropped rather than guessed at. */
export function rolesFrom(values: readonly string[]): Role[] {
  return values.map((value) => value.toLowerCase()).filter(isRole);
}

/** The names people in Dutch care organisations use for these roles. */
export const ROLE_LABELS: Record<Role, string> = {
  client: 'Cliënt',
  confidant: 'Vertrouwenspersoon',
  handler: 'Klachtbehandelaar',
  manager: 'Leidinggevende',
  director: 'Directie',
  commission: 'Lid klachtencommissie',
};

export function roleList(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_LABELS[role]).join(', ');
}
