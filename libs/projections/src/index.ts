// Read models kept from the log: the projection contract, catch-up with checkpoints, rebuilds.
export { lockCheckpoint } from './checkpoints.js';
export { CreateProjectionState1764237600000 } from './migrations/1764237600000-create-projection-state.js';
export { liveTables, nextTables, type Projection, type TableMap } from './projection.js';
export { LOG_CONSUMERS, type LogConsumer } from './log-consumer.js';
export { catchUp, inTransaction, sqlOf, type CatchUpResult } from './projection-runner.js';
export { isPoison, listParked, type OnParked, type ParkedAt, type ParkedStream } from './parked-streams.js';
export { ParkedStreams1796608543000 } from './migrations/1796608543000-parked-streams.js';
export { copyColumns, copyRows, copyText, type CopyColumn } from './copy-rows.js';
export { rebuild, type RebuildStatus } from './rebuild.js';
export { ProjectionWakeUp, ProjectionWakeUpModule } from './projection-wake-up.js';
export { ProjectionsModule } from './projections.module.js';
export { PROJECTIONS, ReadModelStatus, type ReadModelView, type RebuildView } from './read-model-status.js';
export { requestRebuild } from './rebuild-requests.js';
export { retryParked } from './retry-parked.js';
