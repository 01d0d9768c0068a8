import type { Logger } from 'pino';

/**
 * Nest closes the app on SIGTERM/SIGINT (finishing in-flight requests and jobs); if that takes
 * longer than the budget, exit anyway so an orchestrator's restart is not blocked forever.
 */
export function enforceShutdownDeadline(timeoutMs: number, logger: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal, timeoutMs }, 'shutting down');
      setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown took too long; exiting');
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
