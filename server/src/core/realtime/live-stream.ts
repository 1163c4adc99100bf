import type { FeedInterest, FeedSignal, OutboxFeed } from './outbox-feed.js';

/** A subscriber that lets this many signals pile up has stopped reading: it is closed. */
export const MAX_QUEUED_SIGNALS = 1000;

export class SlowConsumerError extends Error {
  constructor() {
    super('The subscriber stopped reading; its connection is closed.');
  }
}

/**
 * One subscription's signals as an async iterable: what it missed first (read by `backlog` up to
 * the feed's horizon at the moment it joined), then what the feed routes from there on. Joining
 * and reading the horizon happen in one tick, so nothing falls between the two. The queue is
 * bounded; ending the iteration leaves the feed at once.
 */
export function liveSignals<S extends FeedSignal | 'now'>(
  feed: OutboxFeed,
  interest: FeedInterest,
  options: {
    backlog?: (routedBelow: bigint) => Promise<S[]>;
    /** Drops signals the subscriber already has (a resume that overlaps what this process routes). */
    isNew?: (signal: S) => boolean;
    /** Called with every signal delivered, in order. */
    delivered?: (signal: S) => void;
    /**
     * For pushes that show a state, not each change: one signal at once, then at most one per
     * `everyMs` after a change, however many changes came meanwhile.
     */
    coalesce?: { everyMs: number; initial: S };
  } = {},
): AsyncIterableIterator<S> {
  const queue: S[] = [];
  let wake: (() => void) | undefined;
  let failed: Error | undefined;
  let done = false;
  let backlogRead = !options.backlog;
  const flush = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const { routedBelow, unsubscribe } = feed.subscribe({
    interest,
    deliver(signal) {
      if (done) return;
      if (options.coalesce) queue.length = 0;
      queue.push(signal as S);
      if (queue.length > MAX_QUEUED_SIGNALS) {
        failed = new SlowConsumerError();
        unsubscribe();
      }
      flush();
    },
  });
  options.backlog?.(routedBelow).then(
    (missed) => {
      queue.unshift(...missed);
      backlogRead = true;
      flush();
    },
    (error: unknown) => {
      failed = error instanceof Error ? error : new Error(String(error));
      flush();
    },
  );

  let nextAllowed = 0;
  let timer: NodeJS.Timeout | undefined;
  if (options.coalesce) queue.push(options.coalesce.initial);
  const take = (): IteratorResult<S> | undefined => {
    if (!backlogRead) return undefined;
    if (options.coalesce && queue.length > 0) {
      const wait = nextAllowed - Date.now();
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = undefined;
          flush();
        }, wait);
        return undefined;
      }
      nextAllowed = Date.now() + options.coalesce.everyMs;
    }
    while (queue.length > 0) {
      const signal = queue.shift()!;
      if (options.isNew && !options.isNew(signal)) continue;
      options.delivered?.(signal);
      return { value: signal, done: false };
    }
    return undefined;
  };

  const finish = (): IteratorResult<S> => {
    done = true;
    clearTimeout(timer);
    unsubscribe();
    queue.length = 0;
    flush();
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<S> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      for (;;) {
        if (done) return { value: undefined, done: true };
        if (failed) {
          const error = failed;
          finish();
          throw error;
        }
        const ready = take();
        if (ready) return ready;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return() {
      return finish();
    },
  };
  return iterator;
}
