import { registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '@klachtpad/contracts';
import { POSITIONS } from '@klachtpad/procedures';

/** GraphQL enum values are the upper-case role names; the values carried are the role names. */
export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), role])) as {
  [K in Role as Uppercase<K>]: K;
};

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'A role a member holds in an organisation.',
});

/** GraphQL values are upper case (DIRECTIE, BESTUUR); the values carried are the positions. */
export const DirectorPositionEnum = Object.fromEntries(
  POSITIONS.map((position) => [position.toUpperCase(), position]),
) as { DIRECTIE: 'directie'; BESTUUR: 'bestuur' };

registerEnumType(DirectorPositionEnum, {
  name: 'DirectorPosition',
  description:
    'A director’s position: the directie (management) or the bestuur (board). Without one, a director holds both (ADR 0098).',
});
