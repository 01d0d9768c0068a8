import { loadConfigOrExit } from '@app/config';
import { createLogger, enforceShutdownDeadline } from '@app/platform';
import { createWorker } from './bootstrap.js';

const config = loadConfigOrExit();
const logger = createLogger(config.log.level, 'worker');
await createWorker(config, logger);
enforceShutdownDeadline(config.shutdownTimeoutMs, logger);
logger.info('worker started');
