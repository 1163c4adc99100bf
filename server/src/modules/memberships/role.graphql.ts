import { registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '@klachtpad/contracts';

/** GraphQL enum values are the upper-case role names; the values carried are the role names. */
export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), role])) as {
  [K in Role as Uppercase<K>]: K;
};

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'A role a member holds in an organisation.',
});
