import { loadConfigOrExit } from '@app/config';
import { createLogger, enforceShutdownDeadline } from '@app/platform';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const logger = createLogger(config.log.level, 'api');
const app = await createApi(config, logger);
enforceShutdownDeadline(config.shutdownTimeoutMs, logger);
await app.listen(config.http.port);
logger.info({ port: config.http.port }, 'api listening');
