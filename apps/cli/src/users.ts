import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { ROLES } from '@app/identity/roles';
import { PostgresEventStore, loadKeyRing, type EventStore } from '@app/event-store';
import { CLI, newUserSchema, Organisations, Users } from '@app/identity';
import { fail, withDatabase } from './database.js';

export const USERS_USAGE = `usage: npm run cli -- users create --username <u> --password <p> --role <role>
         [--unit "<unit name>"] [--department "<department name>"] [--display-name "<name>"]
         [--email <address>]

  a preparer needs --unit; a department_reviewer or bureau_signer needs --department
  --email: where the person's deadline notices are e-mailed (when SMTP_URL is set)
  roles: ${ROLES.join(', ')}
  names match however the parentheses (（） or ()) and spaces are written
`;

const OPTIONS = {
  username: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  unit: { type: 'string' },
  department: { type: 'string' },
  'display-name': { type: 'string' },
  email: { type: 'string' },
} as const;

const FLAGS: Record<string, string> = { unitId: '--unit', departmentId: '--department', displayName: '--display-name' };
/** The flag a field of the new-user schema came from, for error messages. */
const flagOf = (path: string) => FLAGS[path] ?? `--${path}`;

type Flags = Partial<Record<keyof typeof OPTIONS, string>>;

/** `npm run cli -- users create ...`: prints the new user's id on stdout. */
export async function users(config: AppConfig, args: string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') return fail(`unknown subcommand: ${subcommand ?? '(none)'}`, [USERS_USAGE], 64);
  let flags: Flags;
  try {
    flags = parseArgs({ args: rest, options: OPTIONS, allowPositionals: false }).values;
  } catch (error) {
    return fail((error as Error).message, [USERS_USAGE], 64);
  }
  await withDatabase(config, (db) => create(db, flags, new PostgresEventStore(db, loadKeyRing(config))), flagOf);
}

async function create(db: DataSource, flags: Flags, events: EventStore): Promise<void> {
  const organisations = new Organisations(db);
  const unit = flags.unit === undefined ? null : await organisations.findUnitByName(flags.unit);
  const department = flags.department === undefined ? null : await organisations.findDepartmentByName(flags.department);
  if (flags.unit !== undefined && !unit) return unknownName(organisations, '--unit', flags.unit);
  if (flags.department !== undefined && !department)
    return unknownName(organisations, '--department', flags.department);
  const input = newUserSchema.safeParse({
    username: flags.username,
    password: flags.password,
    role: flags.role,
    displayName: flags['display-name'],
    unitId: unit?.id ?? null,
    departmentId: department?.id ?? null,
    email: flags.email,
  });
  if (!input.success) {
    const problems = input.error.issues.map((i) => `${flagOf(String(i.path[0]))}: ${i.message}`);
    return fail('invalid options', problems, 64);
  }
  const user = await new Users(db, organisations, events).create(input.data, CLI);
  process.stderr.write(`created ${user.username} (${user.role})\n`);
  process.stdout.write(`${user.id}\n`);
}

async function unknownName(organisations: Organisations, flag: string, name: string): Promise<void> {
  const known = (await organisations.list()).flatMap((d) =>
    flag === '--unit' ? d.units.map((u) => u.name) : [d.name],
  );
  fail(`${flag}: no ${flag.slice(2)} named "${name}"`, [
    `known: ${known.join('; ') || '(none: run npm run cli -- seed)'}`,
  ]);
}
