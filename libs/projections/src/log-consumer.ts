import type { Projection } from './projection.js';

/**
 * Follows the log like a projection (its own checkpoint, moved in the transaction that applies
 * a batch) but acts outside the database: schedules jobs, enqueues deliveries. It is never part
 * of PROJECTIONS, so a read-model rebuild never replays it: replaying it would act again.
 */
export type LogConsumer = Pick<Projection, 'name' | 'apply'> & { readonly tables: readonly [] };

/** Every log consumer of the process (the worker's). */
export const LOG_CONSUMERS = Symbol('LOG_CONSUMERS');
