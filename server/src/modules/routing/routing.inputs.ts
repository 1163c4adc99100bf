import { z } from 'zod';
import { POSITIONS } from '@klachtpad/procedures';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { localId, text, uuid } from '../../core/validation/fields.js';
import { DirectorPositionEnum } from '../memberships/role.graphql.js';

const position = z.enum(POSITIONS).meta({ graphql: { enum: DirectorPositionEnum } });
const managerId = uuid
  .nullish()
  .transform((value) => value ?? null)
  .meta({ description: 'A current manager of the organisation; left out, none yet.' });

export const CreateUnitSchema = z.object({
  name: text(200).meta({ description: 'The team or location, e.g. "Team Noord".' }),
  managerId,
});
export const CreateUnitInput = inputTypeFrom('CreateUnitInput', CreateUnitSchema);

export const UpdateUnitSchema = z.object({ unitId: uuid, name: text(200), managerId });
export const UpdateUnitInput = inputTypeFrom('UpdateUnitInput', UpdateUnitSchema);

export const DeleteUnitSchema = z.object({ id: uuid });

export const SetUnitMembersSchema = z.object({
  unitId: uuid,
  memberIds: z
    .array(uuid)
    .max(500)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
    .meta({ description: 'Every member of staff of the unit, replacing those before.' }),
});
export const SetUnitMembersInput = inputTypeFrom('SetUnitMembersInput', SetUnitMembersSchema);

export const SetDirectorPositionSchema = z.object({
  userId: uuid,
  position: position
    .nullish()
    .transform((value) => value ?? null)
    .meta({
      description: 'Left out: the director holds both (the organisation has no bestuur apart).',
    }),
});
export const SetDirectorPositionInput = inputTypeFrom(
  'SetDirectorPositionInput',
  SetDirectorPositionSchema,
);

export const SetStageRouteSchema = z.object({
  stage: localId.meta({ description: 'A stage of the current procedure.' }),
  byUnit: z.boolean().meta({
    description:
      'A manager’s stage: first the manager of the unit of the employee the complaint is about.',
  }),
  defaultAssigneeId: uuid
    .nullish()
    .transform((value) => value ?? null)
    .meta({
      description:
        'Who is responsible when no unit decides: a member holding the stage’s role (and position).',
    }),
});
export const SetStageRouteInput = inputTypeFrom('SetStageRouteInput', SetStageRouteSchema);

export const AssignResponsibleSchema = z.object({
  caseId: uuid,
  userId: uuid.meta({ description: 'The member who is to be responsible.' }),
  track: localId.optional().meta({
    description: 'The track whose current stage it is; left out, the first active staff stage.',
  }),
});
export const AssignResponsibleInput = inputTypeFrom(
  'AssignResponsibleInput',
  AssignResponsibleSchema,
);
