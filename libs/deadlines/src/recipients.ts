import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { judge, STAGE_ROLE, STAGE_SCOPE, workflowContext, type Declaration, type Stage } from '@app/declarations';
import type { Actor, Role } from '@app/identity/roles';
import type { DeadlineKind } from './plan.js';

export interface Recipient extends Actor {
  email: string | null;
}

/** Who an overdue stage is escalated to: the department's leadership, above them the administrators. */
export const ESCALATES_TO: Record<Stage, { role: Role; ofDepartment: boolean }> = {
  departmental_review: { role: 'bureau_signer', ofDepartment: true },
  bureau_signoff: { role: 'admin', ofDepartment: false },
  finance_confirmation: { role: 'admin', ofDepartment: false },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  id: string;
  role: Role;
  unit_id: string | null;
  department_id: string | null;
  email: string | null;
}

/** The active people a deadline notice goes to, looked up when it is sent (people change). */
@Injectable()
export class Recipients {
  constructor(private readonly db: DataSource) {}

  /**
   * A reminder or overdue notice goes to whoever may act at the stage now, by the workflow's own
   * guards (not the submitter, not someone who acted at another stage of the revision); an
   * escalation to the level above.
   */
  async of(kind: DeadlineKind, state: Declaration, stage: Stage): Promise<Recipient[]> {
    if (kind === 'escalation') {
      const { role, ofDepartment } = ESCALATES_TO[stage];
      return this.active(role, ofDepartment ? state.departmentId : null);
    }
    return this.mayActAt(state, stage);
  }

  /** Who may act at the stage the declaration waits in, by the workflow's own guards. */
  async mayActAt(state: Declaration, stage: Stage): Promise<Recipient[]> {
    const candidates = await this.active(
      STAGE_ROLE[stage],
      STAGE_SCOPE[stage] === 'every_department' ? null : state.departmentId,
    );
    const context = workflowContext(state);
    return candidates.filter((actor) => judge(state.workflow.status, context, { type: 'approve', actor }).allowed);
  }

  /** Those of these people who are still active (a submitter may have left). */
  async activeUsers(ids: readonly string[]): Promise<Recipient[]> {
    const uuids = ids.filter((id) => UUID.test(id));
    if (uuids.length === 0) return [];
    const rows = await this.db.query<Row[]>(
      `SELECT id::text AS id, role, unit_id, department_id, email FROM users
        WHERE active AND id = ANY($1::uuid[]) ORDER BY id`,
      [uuids],
    );
    return rows.map(toRecipient);
  }

  async active(role: Role, departmentId: string | null): Promise<Recipient[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT id::text AS id, role, unit_id, department_id, email FROM users
        WHERE active AND role = $1 AND ($2::text IS NULL OR department_id = $2) ORDER BY id`,
      [role, departmentId],
    );
    return rows.map(toRecipient);
  }

  /** The active preparers of a unit. */
  async preparersOf(unitId: string): Promise<Recipient[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT id::text AS id, role, unit_id, department_id, email FROM users
        WHERE active AND role = 'preparer' AND unit_id = $1 ORDER BY id`,
      [unitId],
    );
    return rows.map(toRecipient);
  }
}

function toRecipient(row: Row): Recipient {
  return { userId: row.id, role: row.role, unitId: row.unit_id, departmentId: row.department_id, email: row.email };
}
