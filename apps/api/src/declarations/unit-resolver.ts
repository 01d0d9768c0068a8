import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/identity/roles';
import { Organisations } from '@app/identity';
import { AppError } from '@app/platform';

/** Which unit a new declaration belongs to: a preparer's own; the one an admin names (id or name). */
@Injectable()
export class UnitResolver {
  constructor(private readonly organisations: Organisations) {}

  async unitFor(actor: Actor, named: string | undefined): Promise<string> {
    const unit =
      named === undefined
        ? null
        : ((await this.organisations.findUnit(named)) ?? (await this.organisations.findUnitByName(named)));
    if (actor.role === 'preparer') {
      if (named !== undefined && unit?.id !== actor.unitId) {
        throw new AppError('FORBIDDEN', 'A preparer drafts only for their own unit', [
          { path: 'unit', code: 'ACTOR_NOT_PREPARER_OF_UNIT', message: 'Leave unit out, or name your own unit' },
        ]);
      }
      return actor.unitId!;
    }
    if (named === undefined) {
      throw new AppError('VALIDATION_FAILED', 'Name the unit', [
        { path: 'unit', code: 'REQUIRED', message: 'An admin names the unit (id or name)' },
      ]);
    }
    if (!unit)
      throw new AppError('VALIDATION_FAILED', 'Unknown unit', [
        { path: 'unit', code: 'UNKNOWN_UNIT', message: `No unit "${named}"` },
      ]);
    return unit.id;
  }
}
