import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import type { Organisation } from './organisation.entity.js';
import { setHandlerIntakeQueue } from './organisation.service.js';
import { OrganisationSettings } from './organisation.types.js';

function settingsView(organisation: Organisation): OrganisationSettings {
  return {
    organisationId: organisation.id,
    mfaRequiredForStaff: organisation.mfaRequiredForStaff,
    handlerIntakeQueue: organisation.handlerIntakeQueue,
  };
}

@Resolver()
export class OrganisationResolver {
  @Mutation(() => OrganisationSettings, {
    description:
      'Lets every handler see the cases no handler is assigned to yet, or stops it (director).',
  })
  async setHandlerIntakeQueue(
    @Ctx() ctx: RequestContext,
    @Arg('enabled', () => Boolean) enabled: boolean,
  ): Promise<OrganisationSettings> {
    return settingsView(await setHandlerIntakeQueue(ctx, enabled));
  }
}
