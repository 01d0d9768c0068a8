import { loadConfigOrExit } from '@app/config';
import { createLogger, enforceShutdownDeadline } from '@app/platform';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const logger = createLogger(config.log.level, 'api');
const app = await createApi(config, logger);
enforceShutdownDeadline(config.shutdownTimeoutMs, logger);
const server = await app.listen(config.http.port);
// A client that announces more body than it sends, or dribbles headers, must not hold a
// connection for Node's default five minutes (slowloris); a 10 MB upload fits well inside these.
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;
logger.info({ port: config.http.port }, 'api listening');
