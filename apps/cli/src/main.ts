import { loadConfigOrExit } from '@app/config';
import { audit, AUDIT_USAGE } from './audit.js';
import { deadlines, DEADLINES_USAGE } from './deadlines.js';
import { forms, FORMS_USAGE } from './forms.js';
import { migrate } from './migrate.js';
import { readModels, READ_MODELS_USAGE } from './read-models.js';
import { season, SEASON_USAGE } from './season.js';
import { seed } from './seed.js';
import { run, serve } from './serve.js';
import { users, USERS_USAGE } from './users.js';

const USAGE = `usage: npm run cli -- <command>

commands:
  migrate                  apply pending database migrations
  serve                    migrate, then run the api and the worker (what npm start does)
  run api|worker           run one of them (npm run start:api, start:worker)
  seed                     add the organisations and one demo user per role (refused in production)
  users create ...         add a user (see below)
  forms parse <file>       print the forms of a 申报表 export as JSON, with findings (see below)
  forms import <file>      draft every form of the file as a declaration of its unit
  read-models status|rebuild <name>   read models' checkpoints and lag; rebuild one (see below)
  deadlines reschedule     put every pending deadline and delivery job back in Redis, from the log
  season show|budget-year|calendar <year> ...   the budget office's settings of a year (see below)
  audit verify|verify-export|verify-receipt   check the log, an export or a receipt (see below)

${USERS_USAGE}
${FORMS_USAGE}
${READ_MODELS_USAGE}

${DEADLINES_USAGE}

${SEASON_USAGE}
${AUDIT_USAGE}
`;

const [command, ...args] = process.argv.slice(2);
const config = loadConfigOrExit();

switch (command) {
  case 'migrate':
    await migrate(config);
    break;
  case 'serve':
    await serve(config);
    break;
  case 'run':
    await run(args[0]);
    break;
  case 'seed':
    await seed(config);
    break;
  case 'users':
    await users(config, args);
    break;
  case 'read-models':
    await readModels(config, args);
    break;
  case 'deadlines':
    await deadlines(config, args);
    break;
  case 'season':
    await season(config, args);
    break;
  case 'audit':
    await audit(config, args);
    break;
  case 'forms':
    process.exitCode = await forms(config, args);
    break;
  default:
    process.stderr.write(USAGE);
    process.exitCode = command === undefined || command === 'help' ? 0 : 64;
}
