import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@klachtpad/contracts';
import type { Position } from '@klachtpad/procedures';
import type { Logger } from './logger.js';
import type { TenantTransaction } from './db/tenant-session.js';
import { forbidden, unauthenticated, type AppError } from './errors.js';
import type { Config } from './config.js';
import type { Orm } from './db/orm.js';
import type { AbilityViewer, AppAbility } from './authz/ability.js';
import type { HookRegistry } from './hooks.js';
import type { OutboxFeed } from './realtime/outbox-feed.js';

/** The viewer's ability in the active organisation, with what it was built from. */
export interface ViewerAbility {
  ability: AppAbility;
  viewer: AbilityViewer;
}

/** The signed-in person behind a request. */
export interface Viewer {
  userId: string;
  sessionId: string;
  /** Whether this session passed a second factor. */
  mfaVerified: boolean;
  /**
   * The person has a second factor this session has not passed yet: until it does, it may only
   * pass it, sign out and read `me` (ADR 0062).
   */
  mfaPending: boolean;
}

/** The organisation the request acts in (from `X-Organisation`) and the viewer's roles there. */
export interface ActiveOrganisation {
  organisationId: string;
  slug: string;
  roles: Role[];
  /**
   * The viewer's position as a director (ADR 0098), where entering the organisation read it
   * with the membership; undefined where it was not read (the ability then reads it).
   */
  position?: Position | null;
}

/** Everything a service method needs about the request; always its first argument. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  config: Config;
  orm: Orm;
  /** The request's one transaction, scoped to the viewer and active organisation. */
  tx: TenantTransaction;
  em: EntityManager;
  /** The request's clock: one instant for the whole operation. */
  now: Date;
  viewer: Viewer | undefined;
  /** The client's IP address, where the transport knows it (sign-in limits per address). */
  clientAddress?: string | undefined;
  active: ActiveOrganisation | undefined;
  /** Why the requested organisation could not be entered; raised when an operation needs it. */
  organisationRefusal: AppError | undefined;
  /** Sets or clears the web client's HttpOnly session cookie (no-op over WebSocket). */
  setSessionCookie(token: string | undefined, expiresAt?: Date): void;
  /**
   * The viewer's ability in the active organisation: built by the request layer on first use and
   * kept for the request (`requestAbility` in core/authz reads it).
   */
  ability(): Promise<ViewerAbility>;
  /**
   * The ability another member of the active organisation has there, built the same way
   * (undefined for someone who is not a member): what a notification to them may say.
   */
  abilityOf(userId: string): Promise<ViewerAbility | undefined>;
  /** How modules react to each other's changes (src/hooks.ts, wired by the request layer). */
  hooks: HookRegistry<RequestContext>;
  /** This process's live feed, for subscriptions (ADR 0075); absent where nothing listens. */
  feed: OutboxFeed | undefined;
}

/** The viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The active organisation, or the refusal that explains why there is none. */
export function requireOrganisation(ctx: RequestContext): ActiveOrganisation & { viewer: Viewer } {
  const viewer = requireViewer(ctx);
  if (ctx.organisationRefusal) throw ctx.organisationRefusal;
  if (!ctx.active) throw forbidden('Choose an organisation (X-Organisation header).');
  return { ...ctx.active, viewer };
}
