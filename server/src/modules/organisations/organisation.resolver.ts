import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import type { Organisation } from './organisation.entity.js';
import { setHandlerIntakeQueue, setRetentionPeriod } from './organisation.service.js';
import { OrganisationSettings } from './organisation.types.js';

function settingsView(organisation: Organisation): OrganisationSettings {
  return {
    organisationId: organisation.id,
    mfaRequiredForStaff: organisation.mfaRequiredForStaff,
    handlerIntakeQueue: organisation.handlerIntakeQueue,
    retentionMonths: organisation.retentionMonths,
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

  @Mutation(() => OrganisationSettings, {
    description:
      'Sets how many months (12 to 240) a closed case is kept before it is anonymised (director).',
  })
  async setRetentionPeriod(
    @Ctx() ctx: RequestContext,
    @Arg('months', () => Int) months: number,
  ): Promise<OrganisationSettings> {
    return settingsView(await setRetentionPeriod(ctx, months));
  }
}
