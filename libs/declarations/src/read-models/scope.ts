import type { Actor } from '@app/identity/roles';
import type { Status } from '../domain/index.js';

/**
 * The visibility rule of `mayRead`, as SQL over a read-model table aliased `alias`: the
 * parameters are appended to `params` so callers can keep numbering theirs.
 */
export function scopeSql(actor: Actor, alias: string, params: unknown[]): string {
  switch (actor.role) {
    case 'preparer':
      params.push(actor.unitId);
      return `${alias}.unit_id = $${params.length}`;
    case 'department_reviewer':
    case 'bureau_signer':
      params.push(actor.departmentId);
      return `${alias}.department_id = $${params.length}`;
    case 'budget_officer':
      return 'FALSE';
    default:
      return 'TRUE';
  }
}

/** Adds a filter when the value is given: `add('l.year = $?', 2025)`. */
export class Filters {
  readonly clauses: string[] = [];
  constructor(readonly params: unknown[] = []) {}

  add(sql: string, value: unknown): this {
    if (value === undefined || value === null || value === '') return this;
    this.params.push(value);
    this.clauses.push(sql.replace('$?', `$${this.params.length}`));
    return this;
  }

  raw(sql: string): this {
    this.clauses.push(sql);
    return this;
  }

  where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** `%` and `_` are literal in a search, not wildcards. */
export const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What the list and the inbox both filter on: the budget year, the unit tree, the states, a text. */
export interface Narrowing {
  year?: number;
  unitId?: string;
  /** A department's rows are its units' rows: the read model keeps both ids on each. */
  departmentId?: string;
  states?: Status[];
  q?: string;
}

export function narrowed(where: Filters, n: Narrowing): Filters {
  where
    .add('l.year = $?', n.year)
    .add('l.unit_id = $?', n.unitId)
    .add('l.department_id = $?', n.departmentId)
    .add('l.state = ANY($?)', n.states?.length ? n.states : undefined)
    .add('l.search_text LIKE $?', n.q ? likePattern(n.q) : undefined);
  // The trigram index serves three characters or more; shorter, the index of characters narrows
  // the rows down to those holding each of them (LIKE still decides).
  const short = n.q && [...n.q].length < 3 ? n.q.toLowerCase() : undefined;
  return where.add('string_to_array(l.search_text, NULL) @> string_to_array($?, NULL)', short);
}
