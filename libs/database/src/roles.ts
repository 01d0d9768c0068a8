import pg from 'pg';

/**
 * Two database roles: the **owner** runs the migrations and owns the log; the **service** role is
 * what the api and the worker connect as. The service may only read and append to the log (no
 * UPDATE, DELETE, TRUNCATE, ALTER or trigger control: those need the owner or a superuser) and
 * gets what it needs on the rest. This is the one list of what it is granted: a new table needs
 * an entry here (test/integration/database-roles.int-spec.ts fails otherwise).
 */
type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
const READ_WRITE: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** The log: append-only, for the service too. */
export const LOG_TABLES = ['events', 'commands'] as const;

export const TABLE_GRANTS: Readonly<Record<string, readonly Privilege[]>> = {
  events: ['SELECT', 'INSERT'],
  commands: ['SELECT', 'INSERT'],
  // The Merkle tree's leaves, the signed tree heads and where each was sent: appended, never changed (libs/audit).
  log_leaves: ['SELECT', 'INSERT'],
  signed_checkpoints: ['SELECT', 'INSERT'],
  checkpoint_publications: ['SELECT', 'INSERT'],
  // Users are deactivated, never deleted; organisations are added and renamed, never removed.
  users: ['SELECT', 'INSERT', 'UPDATE'],
  departments: ['SELECT', 'INSERT', 'UPDATE'],
  units: ['SELECT', 'INSERT', 'UPDATE'],
  projection_checkpoints: READ_WRITE,
  read_model_rebuilds: READ_WRITE,
  parked_streams: READ_WRITE,
  // Read at start-up to see that nothing is pending.
  schema_migrations: ['SELECT'],
};

/**
 * Read-model tables, which a rebuild replaces by swapping in `<table>__next` (libs/projections):
 * DDL that needs their owner, so the service role owns them (and may create tables in the schema
 * for the swap). None of them is the record: each is derived from the log and can be rebuilt. The
 * owner role is a member of the service role, so later migrations can still alter them.
 */
export const READ_MODEL_TABLES = [
  'declaration_list',
  'declaration_actions',
  'indicator_rows',
  'notices',
  'notice_deliveries',
] as const;

interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function roleName(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`Unusable role name "${name}"`);
  return name;
}

/** The user a postgres:// URL connects as. */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/**
 * Grants the service role what TABLE_GRANTS says and hands it the read-model tables; run by the
 * owner (or a superuser) after every migration run. Idempotent.
 */
export async function grantServiceRole(db: Queryable, service: string): Promise<void> {
  const role = roleName(service);
  await db.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
  for (const [table, privileges] of Object.entries(TABLE_GRANTS)) {
    await db.query(`REVOKE ALL ON TABLE ${table} FROM ${role}`);
    await db.query(`GRANT ${privileges.join(', ')} ON TABLE ${table} TO ${role}`);
  }
  for (const table of READ_MODEL_TABLES) await db.query(`ALTER TABLE ${table} OWNER TO ${role}`);
  await db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
}

export interface RoleCheck {
  role: string;
  superuser: boolean;
  /** Owns the log's tables, or is a member of the role that does. */
  ownsLog: boolean;
}

/** What the connection's role may do to the log beyond reading and appending. */
export async function checkRole(db: Queryable): Promise<RoleCheck> {
  const result = await db.query(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            coalesce(bool_or(pg_has_role(current_user, t.tableowner, 'USAGE')), false) AS "ownsLog"
       FROM pg_roles r
       LEFT JOIN pg_tables t ON t.schemaname = 'public' AND t.tablename = ANY($1)
      WHERE r.rolname = current_user
      GROUP BY r.rolsuper`,
    [LOG_TABLES],
  );
  // TypeORM answers the rows; pg a result holding them.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as RoleCheck[];
  return rows[0]!;
}

/** Why a role check is a problem, or null when the role is least-privileged. */
export function roleProblem(check: RoleCheck): string | null {
  if (check.superuser) return `the database role "${check.role}" is a superuser: it can rewrite the log`;
  if (check.ownsLog) return `the database role "${check.role}" owns the log: it can alter, truncate or untrigger it`;
  return null;
}

/**
 * On a machine where a superuser is at hand (development, CI: `postgres` by trust auth), creates
 * the owner and service roles if missing, the database owned by the owner, and hands the owner any
 * table an earlier, single-role start left to someone else. Production creates them itself
 * (libs/database/README.md).
 */
export async function provisionDatabase(adminUrl: string, ownerUrl: string, serviceUrl: string): Promise<void> {
  const owner = roleName(roleOfUrl(ownerUrl));
  const service = roleName(roleOfUrl(serviceUrl));
  const name = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  if (!ROLE_NAME.test(name)) throw new Error(`Unusable database name "${name}"`);
  await withClient(adminUrl, async (admin) => {
    for (const role of [owner, service]) await createRole(admin, role);
    await admin.query(`GRANT ${service} TO ${owner}`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}" OWNER ${owner}`).catch(ignore('42P04'));
    await admin.query(`ALTER DATABASE "${name}" OWNER TO ${owner}`);
  });
  const inDatabase = new URL(adminUrl);
  inDatabase.pathname = `/${name}`;
  await withClient(inDatabase.toString(), async (admin) => {
    await admin.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    const { rows } = await admin.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) NOT IN ($1, $2)`,
      [owner, service],
    );
    for (const table of rows) await admin.query(`ALTER TABLE public."${table.name}" OWNER TO ${owner}`);
    const { rows: functions } = await admin.query<{ signature: string }>(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) NOT IN ($1, $2)`,
      [owner, service],
    );
    for (const fn of functions) await admin.query(`ALTER FUNCTION ${fn.signature} OWNER TO ${owner}`);
  });
}

/** CREATE ROLE … LOGIN unless it exists; two processes at once both end up with it. */
export async function createRole(admin: pg.Client, role: string): Promise<void> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!rowCount) await admin.query(`CREATE ROLE ${roleName(role)} LOGIN`).catch(ignore('42710', '23505'));
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function ignore(...codes: string[]) {
  return (error: unknown) => {
    if (!codes.includes((error as { code?: string }).code ?? '')) throw error;
  };
}
