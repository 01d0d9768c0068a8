import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { declarationIdOf, GetDeclaration, mayRead, type DeclarationView } from '@app/declarations';
import { Organisations, type Unit } from '@app/identity';
import { AppError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';

/**
 * A unit's declarations of one year that the caller may read, in the order they were drafted.
 * The ids come from the log itself (a partial index on DeclarationDrafted), not the read model,
 * so an export right after a change is never missing it; each declaration is then folded through
 * GetDeclaration, so scope and content are exactly those of GET /declarations/:id.
 */
@Injectable()
export class UnitDeclarations {
  constructor(
    private readonly db: DataSource,
    private readonly queries: QueryBus,
    private readonly organisations: Organisations,
  ) {}

  /** `unit` is an id or a name (matched tolerantly, as on the forms); unknown → 400. */
  async readable(actor: Actor, unit: string, year: number): Promise<{ unit: Unit; views: DeclarationView[] }> {
    const found = (await this.organisations.findUnit(unit)) ?? (await this.organisations.findUnitByName(unit));
    if (!found) {
      throw new AppError('VALIDATION_FAILED', say('unit.unknown'), [
        { path: 'unit', code: 'UNKNOWN_UNIT', message: say('field.UNKNOWN_UNIT', { unit }) },
      ]);
    }
    if (!mayRead(actor, { unitId: found.id, departmentId: found.departmentId })) return { unit: found, views: [] };
    const views = await Promise.all((await this.draftedIds(found.id)).map((id) => this.visible(actor, id)));
    return { unit: found, views: views.filter((view) => view !== null && view.year === year) as DeclarationView[] };
  }

  private async draftedIds(unitId: string): Promise<string[]> {
    const rows: { stream_id: string }[] = await this.db.query(
      `SELECT stream_id FROM events WHERE type = 'DeclarationDrafted' AND data->>'unitId' = $1
       GROUP BY stream_id ORDER BY min(global_position)`,
      [unitId],
    );
    return rows.map(({ stream_id }) => declarationIdOf(stream_id)!);
  }

  private async visible(actor: Actor, id: string): Promise<DeclarationView | null> {
    try {
      return await this.queries.execute(new GetDeclaration(actor, id));
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
