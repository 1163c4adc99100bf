import { amsterdamMidnight, nextWakeUp } from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import {
  replaceScheduledJobs,
  scheduledJobs,
  type ScheduledJobRequest,
} from '../../core/queue/job-queue.js';
import type { CaseTransition } from '../cases/case-transition.js';

/** The task that lets a case's terms run when one of its clocks has something due. */
export const CASE_CLOCK_TASK = 'advance-case-clock';

/** What a clock job carries: ids and the version of the case it was scheduled for. */
export interface CaseClockPayload {
  organisationId: string;
  caseId: string;
  version: number;
}

const prefixOf = (caseId: string) => `clock:${caseId}:`;

/**
 * Keeps a case's clock jobs in step with its engine state (ADR 0051), as an effect on
 * `CASE_TRANSITION`, in the transaction of the change: for every running clock, one job keyed by
 * case and clock at the start (Europe/Amsterdam) of the day its next event falls due — a reminder
 * or the expiry. Scheduling again replaces the job under that key; a clock that stopped, or a
 * case that closed, loses its job. An extension, a suspension or a resumption therefore moves the
 * job with the due date the engine computed.
 */
export async function scheduleCaseClocks(
  ctx: RequestContext,
  { kase, definition, applied }: CaseTransition,
): Promise<void> {
  const state = applied.state;
  const jobs: ScheduledJobRequest[] = [];
  if (!state.closed) {
    for (const clock of Object.values(state.clocks)) {
      if (clock.status !== 'running') continue;
      // The engine's own next wake-up, asked about this clock alone.
      const on = nextWakeUp(definition, { ...state, clocks: { [clock.clock]: clock } });
      if (!on) continue;
      const payload: CaseClockPayload = {
        organisationId: kase.organisationId,
        caseId: kase.id,
        version: state.version,
      };
      jobs.push({
        organisationId: kase.organisationId,
        key: `${prefixOf(kase.id)}${encodeURIComponent(clock.clock).replace(/%/g, '.')}`,
        task: CASE_CLOCK_TASK,
        payload: { ...payload },
        runAt: new Date(amsterdamMidnight(on)),
      });
    }
  }
  await replaceScheduledJobs(
    ctx.em,
    { organisationId: kase.organisationId, prefix: prefixOf(kase.id) },
    jobs,
    ctx.now,
  );
}

/** When each of a case's clock jobs will run (staff tooling and tests). */
export async function caseClockJobs(
  ctx: Pick<RequestContext, 'em'>,
  kase: { organisationId: string; id: string },
): Promise<{ clock: string; runAt: Date; version: number }[]> {
  const rows = await scheduledJobs(ctx.em, {
    organisationId: kase.organisationId,
    prefix: prefixOf(kase.id),
  });
  return rows.map((row) => ({
    clock: decodeURIComponent(row.key.slice(prefixOf(kase.id).length).replace(/\./g, '%')),
    runAt: row.runAt,
    version: Number(row.payload['version']),
  }));
}
