import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ActorName {
  username: string;
  displayName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Current usernames and display names of the people behind events, in one query for all of
 * them. People get renamed: history shows the name now, next to the role recorded at the time.
 */
@Injectable()
export class ActorNames {
  constructor(private readonly db: DataSource) {}

  async of(ids: Iterable<string>): Promise<Map<string, ActorName>> {
    // An id that is not a uuid (a system actor) would make PostgreSQL refuse the whole cast.
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    if (wanted.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; username: string; display_name: string }[]>(
      `SELECT id::text AS id, username, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, { username: r.username, displayName: r.display_name }]));
  }
}
