/**
 * A seam in a service where other modules react to what it does, as Vendure's process hooks
 * (`onTransitionStart` may veto, `onTransitionEnd` has effects). The module that owns the change
 * declares the point and runs it; a module that reacts registers a handler in the one list
 * (`src/hooks.ts`, wired into every request context). The owner never imports who listens, and
 * everything runs inside the request's transaction: a veto writes nothing, an effect commits or
 * rolls back with the change itself.
 */
export interface HookPoint<Change, Veto> {
  readonly name: string;
  /** Carries the types only; never set. */
  readonly types?: { change: Change; veto: Veto };
}

/** One module's reaction; `Ctx` is the request context (core/context.ts) the owner runs it in. */
export interface HookHandler<Ctx, Change, Veto> {
  /** Asked before anything is written; a refusal stops the change, which is answered as data. */
  veto?(ctx: Ctx, change: Change): Promise<Veto | undefined>;
  /** Runs after the owner has written the change, in the same transaction. */
  effect?(ctx: Ctx, change: Change): Promise<void>;
}

export interface HookRegistration {
  point: string;
  /** The module that reacts; handlers run in the order the list gives. */
  module: string;
  handler: HookHandler<never, never, unknown>;
}

export function defineHookPoint<Change, Veto = never>(name: string): HookPoint<Change, Veto> {
  return { name };
}

/** One module's reaction to one hook point. */
export function onHook<Ctx, Change, Veto>(
  point: HookPoint<Change, Veto>,
  module: string,
  handler: HookHandler<Ctx, Change, Veto>,
): HookRegistration {
  return { point: point.name, module, handler: handler as HookHandler<never, never, unknown> };
}

/** The registered reactions, by point, in registration order. */
export class HookRegistry<Ctx> {
  private readonly byPoint = new Map<string, HookRegistration[]>();

  constructor(registrations: readonly HookRegistration[]) {
    for (const registration of registrations) {
      const list = this.byPoint.get(registration.point) ?? [];
      list.push(registration);
      this.byPoint.set(registration.point, list);
    }
  }

  /** Asks every veto in order; the first refusal wins and the rest are not asked. */
  async veto<Change, Veto>(
    ctx: Ctx,
    point: HookPoint<Change, Veto>,
    change: Change,
  ): Promise<Veto | undefined> {
    for (const { handler } of this.handlersOf(point)) {
      const refusal = await handler.veto?.(ctx, change);
      if (refusal !== undefined) return refusal;
    }
    return undefined;
  }

  /** Runs every effect in order, one after the other (they share one transaction). */
  async effects<Change, Veto>(
    ctx: Ctx,
    point: HookPoint<Change, Veto>,
    change: Change,
  ): Promise<void> {
    for (const { handler } of this.handlersOf(point)) await handler.effect?.(ctx, change);
  }

  /** Which modules react to a point, in order (for tests and the architecture record). */
  modulesOf(point: HookPoint<unknown, unknown>): string[] {
    return (this.byPoint.get(point.name) ?? []).map((registration) => registration.module);
  }

  private handlersOf<Change, Veto>(point: HookPoint<Change, Veto>) {
    return (this.byPoint.get(point.name) ?? []) as unknown as {
      handler: HookHandler<Ctx, Change, Veto>;
    }[];
  }
}
