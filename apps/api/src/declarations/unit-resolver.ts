import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/identity/roles';
import { Organisations } from '@app/identity';
import { AppError, say } from '@app/platform';

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
        throw new AppError('FORBIDDEN', say('unit.preparerOwnOnly'), [
          { path: 'unit', code: 'ACTOR_NOT_PREPARER_OF_UNIT', message: say('field.ACTOR_NOT_PREPARER_OF_UNIT') },
        ]);
      }
      return actor.unitId!;
    }
    if (named === undefined) {
      throw new AppError('VALIDATION_FAILED', say('unit.nameIt'), [
        { path: 'unit', code: 'REQUIRED', message: say('field.nameTheUnit') },
      ]);
    }
    if (!unit)
      throw new AppError('VALIDATION_FAILED', say('unit.unknown'), [
        { path: 'unit', code: 'UNKNOWN_UNIT', message: say('field.UNKNOWN_UNIT', { unit: named }) },
      ]);
    return unit.id;
  }
}
