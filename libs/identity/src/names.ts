import type { DataSource } from 'typeorm';

export interface UserName {
  username: string;
  displayName: string;
}

export interface NameRequest {
  units?: Iterable<string | null | undefined>;
  departments?: Iterable<string | null | undefined>;
  users?: Iterable<string | null | undefined>;
}

/** The names a request asked for; an id with no row (a deleted or system actor) has none. */
export interface NameBook {
  unit(id: string): string | undefined;
  department(id: string): string | undefined;
  user(id: string): UserName | undefined;
}

type Kind = 'unit' | 'department' | 'user';
type Value = string | UserName;

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Current names of units, departments and users, for everything that shows one (views, lists,
 * history, notices). One cache policy: a name found is kept a minute; a name not found is asked
 * again next time. Names change without an event (a user renamed), so a minute is how stale a
 * name may be; a user changed through Users is forgotten at once in this process.
 *
 * One instance per DataSource, whether reached through Nest or `Names.for(db)`, so plain query
 * functions share the cache of the injected one.
 */
export class Names {
  private static readonly byDatabase = new WeakMap<DataSource, Names>();
  private readonly cache = new Map<string, { value: Value; until: number }>();

  private constructor(private readonly db: DataSource) {}

  static for(db: DataSource): Names {
    let names = Names.byDatabase.get(db);
    if (!names) Names.byDatabase.set(db, (names = new Names(db)));
    return names;
  }

  /** All the names asked for, in one query for those not in the cache. */
  async of(request: NameRequest): Promise<NameBook> {
    const found = new Map<string, Value>();
    const wanted: Record<Kind, string[]> = { unit: [], department: [], user: [] };
    const now = Date.now();
    const ask = (kind: Kind, ids: NameRequest['units']) => {
      for (const id of new Set(ids ?? [])) {
        // A user id that is not a uuid (a system actor) would make PostgreSQL refuse the whole cast.
        if (!id || (kind === 'user' && !UUID.test(id))) continue;
        const hit = this.cache.get(`${kind} ${id}`);
        if (hit && hit.until > now) found.set(`${kind} ${id}`, hit.value);
        else wanted[kind].push(id);
      }
    };
    ask('unit', request.units);
    ask('department', request.departments);
    ask('user', request.users);
    for (const [key, value] of await this.load(wanted)) {
      found.set(key, value);
      this.remember(key, value, now);
    }
    return {
      unit: (id) => found.get(`unit ${id}`) as string | undefined,
      department: (id) => found.get(`department ${id}`) as string | undefined,
      user: (id) => found.get(`user ${id}`) as UserName | undefined,
    };
  }

  /** Usernames and display names by user id, for those who have a row. */
  async users(ids: Iterable<string>): Promise<Map<string, UserName>> {
    const wanted = [...new Set(ids)];
    const book = await this.of({ users: wanted });
    return new Map(wanted.flatMap((id) => (book.user(id) ? [[id, book.user(id)!] as const] : [])));
  }

  forgetUser(id: string): void {
    this.cache.delete(`user ${id}`);
  }

  private async load(wanted: Record<Kind, string[]>): Promise<Map<string, Value>> {
    if (wanted.unit.length + wanted.department.length + wanted.user.length === 0) return new Map();
    const rows = await this.db.query<{ kind: Kind; id: string; name: string; username: string | null }[]>(
      `SELECT 'unit' AS kind, id, name, NULL AS username FROM units WHERE id = ANY($1::text[])
       UNION ALL SELECT 'department', id, name, NULL FROM departments WHERE id = ANY($2::text[])
       UNION ALL SELECT 'user', id::text, display_name, username FROM users WHERE id = ANY($3::uuid[])`,
      [wanted.unit, wanted.department, wanted.user],
    );
    return new Map(
      rows.map((r) => [
        `${r.kind} ${r.id}`,
        r.kind === 'user' ? { username: r.username ?? '', displayName: r.name } : r.name,
      ]),
    );
  }

  private remember(key: string, value: Value, now: number): void {
    // Bounded: past the limit the cache starts afresh rather than growing with every id ever asked.
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { value, until: now + TTL_MS });
  }
}
