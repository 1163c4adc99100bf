import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../logger.js';

/** graphile-worker's log lines through our logger (they carry job ids and task names only). */
export function queueLogger(log: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { queue: scope, ...(meta ?? {}) };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else if (level === 'info') log.info(fields, message);
    else log.debug(fields, message);
  });
}
