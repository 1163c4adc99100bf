import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { refusalsAreDenied } from './access-log.service.js';

/**
 * Every query and mutation field is one operation for the access log: a refusal after the gate
 * turns the lines it recorded into `denied`. Nested fields resolve after their root field
 * returned and are left alone (they only read what the root field already let through).
 */
export const RefusalsAreDenied: MiddlewareFn<RequestContext> = ({ info }, next) =>
  info.path.prev === undefined && info.operation.operation !== 'subscription'
    ? refusalsAreDenied(next)
    : next();
