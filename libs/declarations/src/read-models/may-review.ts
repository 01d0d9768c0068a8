import { STAGE_ROLE, STAGE_SCOPE, STAGES, type Stage } from '../domain/index.js';

/** A person, as SQL expressions (parameters, or columns of a joined users row). */
export interface PersonSql {
  userId: string;
  role: string;
  departmentId: string;
}

const quoted = (text: string) => `'${text}'`;

/**
 * The machine's `mayReview` guard over the read model: whether the person may act on the row `l`
 * of declaration_list at the stage it waits in (the stage's role, in scope, none of the revision's
 * submitters nor an author of its content, at no other stage of the revision before). Built from the tables the guard reads;
 * test/integration/inbox-guards.int-spec.ts proves the two agree over random histories. With a
 * `stage`, only rows waiting there are asked about (an index can find them).
 */
export function mayReviewSql(person: PersonSql, stage?: Stage): string {
  const stages = stage ? [stage] : [...STAGES];
  const roles = stages.map((s) => `WHEN ${quoted(s)} THEN ${quoted(STAGE_ROLE[s])}`).join(' ');
  const everywhere = stages.filter((s) => STAGE_SCOPE[s] === 'every_department');
  const inScope = everywhere.length > 0 ? `l.state IN (${everywhere.map(quoted).join(', ')}) OR ` : '';
  return `l.state IN (${stages.map(quoted).join(', ')})
    AND ${person.role} = CASE l.state ${roles} END
    AND (${inScope}${person.departmentId} = l.department_id)
    AND l.submitted_by IS DISTINCT FROM ${person.userId}
    AND NOT (${person.userId} = ANY (l.submitters)) AND NOT (${person.userId} = ANY (l.authors))
    AND NOT EXISTS (SELECT 1 FROM declaration_actions a
      WHERE a.declaration_id = l.declaration_id AND a.user_id = ${person.userId} AND a.revision = l.revision
        AND a.stage IS DISTINCT FROM l.state AND a.action IN ('approved', 'returned', 'rejected'))`;
}
