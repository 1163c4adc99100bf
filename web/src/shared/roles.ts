import { isRole, type Role } from '@klachtpad/contracts';
import type { TFunction } from 'i18next';

/** The GraphQL `Role` enum carries the role names in upper case. */
export type RoleValue = Uppercase<Role>;

/** Reads enum values from the API; unknown values are dropped rather than guessed at. */
export function rolesFrom(values: readonly string[]): Role[] {
  return values.map((value) => value.toLowerCase()).filter(isRole);
}

/** The names people in Dutch care organisations use for these roles, in the reader's language. */
export function roleList(roles: readonly Role[], t: TFunction): string {
  return roles.map((role) => t(`roles.${role}`)).join(', ');
}
