import { loadConfigOrExit } from '@app/config';
import { migrate } from './migrate.js';
import { serve } from './serve.js';

const USAGE = `usage: npm run cli -- <command>

commands:
  migrate                  apply pending database migrations
  serve                    migrate, then run the api and the worker (what npm start does)
`;

const [command] = process.argv.slice(2);
const config = loadConfigOrExit();

switch (command) {
  case 'migrate':
    await migrate(config);
    break;
  case 'serve':
    await serve(config);
    break;
  default:
    process.stderr.write(USAGE);
    process.exitCode = command === undefined || command === 'help' ? 0 : 64;
}
