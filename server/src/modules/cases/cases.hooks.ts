import { onHook } from '../../core/hooks.js';
import { MEMBER_ROLES_LOST } from '../memberships/membership-change.js';
import { releaseHandler } from './case-reassignment.js';

export const CASE_HOOKS = [onHook(MEMBER_ROLES_LOST, 'cases', { effect: releaseHandler })];
