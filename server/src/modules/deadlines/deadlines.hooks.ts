import { onHook } from '../../core/hooks.js';
import { CASE_TRANSITION } from '../cases/case-transition.js';
import { scheduleCaseClocks } from './case-clock-schedule.js';

/** Every change of a case's engine state (re)schedules its clock jobs in the same transaction. */
export const DEADLINE_HOOKS = [
  onHook(CASE_TRANSITION, 'deadlines', { effect: scheduleCaseClocks }),
];
