import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { declarationIdOf } from '@app/declarations';
import { importCommandId } from './import-report.js';

/** What makes two declarations the same project: unit, year and project name (spaces ignored). */
export interface DuplicateKey {
  unitId: string;
  year: number;
  projectName: string;
}

/** How many possible duplicates a form lists: the oldest; more would tell a person nothing new. */
export const DUPLICATES_LISTED = 10;

/**
 * Each key's oldest matching declarations (units, years, names as arrays; the most to take), in
 * creation order. The name's comparison and the order are those `declaration_list_project` indexes
 * (DuplicateLookupOrder1796702400000): keep them the same, so each key's scan stops at its limit
 * however many declarations share the name.
 */
export const DUPLICATES_SQL = `
  SELECT m.declaration_id, k.at::int AS at
    FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS k(unit_id, year, name, at)
   CROSS JOIN LATERAL (
         SELECT l.declaration_id, l.created_at FROM declaration_list l
          WHERE l.unit_id = k.unit_id AND l.year = k.year
            AND regexp_replace(l.project_name, '\\s', '', 'g') = regexp_replace(k.name, '\\s', '', 'g')
            AND l.state <> 'discarded'
          ORDER BY l.created_at, l.declaration_id
          LIMIT $4) m
   ORDER BY k.at, m.created_at, m.declaration_id`;

/**
 * Existing declarations that an imported form would duplicate: the same unit, year and project
 * name (whitespace ignored), not discarded. Read from the declarations read model, so a
 * declaration drafted a moment ago may not be seen yet; the form's own earlier import of the same
 * file (its command id) is not a duplicate, it is the same form and is skipped anyway. At most
 * DUPLICATES_LISTED of them, the oldest.
 */
@Injectable()
export class Duplicates {
  constructor(private readonly db: DataSource) {}

  /** For each key, the ids of the declarations it matches, oldest first, at most DUPLICATES_LISTED. */
  async of(keys: readonly DuplicateKey[], fileSha256: string, formIndexes: readonly number[]): Promise<string[][]> {
    if (keys.length === 0) return [];
    const rows: { declaration_id: string; at: number }[] = await this.db.query(DUPLICATES_SQL, [
      keys.map((k) => k.unitId),
      keys.map((k) => k.year),
      keys.map((k) => k.projectName),
      // One more than listed: the form's own earlier import may be among them, and is left out.
      DUPLICATES_LISTED + 1,
    ]);
    const own = await this.ownImports(fileSha256, formIndexes);
    const matches = keys.map((): string[] => []);
    for (const row of rows) {
      if (own[row.at - 1] !== row.declaration_id) matches[row.at - 1]!.push(row.declaration_id);
    }
    return matches.map((ids) => ids.slice(0, DUPLICATES_LISTED));
  }

  /** The declaration each form of this very file became when it was imported before, if it was. */
  private async ownImports(fileSha256: string, formIndexes: readonly number[]): Promise<(string | null)[]> {
    const ids = formIndexes.map((index) => importCommandId(fileSha256, index));
    const rows: { command_id: string; stream_id: string }[] = await this.db.query(
      `SELECT command_id, stream_id FROM commands WHERE command_id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.command_id, declarationIdOf(row.stream_id)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
