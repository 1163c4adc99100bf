import { onHook } from '../../core/hooks.js';
import { CASE_TIMELINE_APPENDED } from '../cases/case-timeline.js';
import { CASE_TRANSITION } from '../cases/case-transition.js';
import { collectTimelineEntries, collectTransition } from './notification.service.js';

/** What is appended to a timeline becomes notifications for the people who must hear of it. */
export const NOTIFICATION_HOOKS = [
  onHook(CASE_TIMELINE_APPENDED, 'notifications', { effect: collectTimelineEntries }),
  onHook(CASE_TRANSITION, 'notifications', { effect: collectTransition }),
];
