import type { Actor } from '@app/identity/roles';

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
