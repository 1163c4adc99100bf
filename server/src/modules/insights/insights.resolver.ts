import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { dashboard } from './dashboard.service.js';
import { ComplaintsRegisterView, DashboardView } from './insights.types.js';
import { complaintsRegister } from './register.service.js';

@Resolver()
export class InsightsResolver {
  @Query(() => ComplaintsRegisterView, {
    description: 'The anonymised complaints register for a year (managers and directors).',
  })
  complaintsRegister(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
  ): Promise<ComplaintsRegisterView> {
    return complaintsRegister(ctx, year);
  }

  @Query(() => DashboardView, { description: 'Counts over the cases the viewer may see.' })
  dashboard(@Ctx() ctx: RequestContext): Promise<DashboardView> {
    return dashboard(ctx);
  }
}
