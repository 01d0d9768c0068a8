import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties reads who wrote a declaration's content and who submitted its current
 * revision (mayReviewSql, as the machine's `mayReview` guard). Existing rows are filled from the
 * log here, the way the projection derives them: authors over the whole stream (content carries
 * over into an amendment), submitters since the revision's last AmendmentOpened.
 */
export class ListAuthorsSubmitters1796700300000 implements MigrationInterface {
  name = 'ListAuthorsSubmitters1796700300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list
      ADD COLUMN authors text[] NOT NULL DEFAULT '{}',
      ADD COLUMN submitters text[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      UPDATE declaration_list l SET
        authors = coalesce((SELECT array_agg(DISTINCT e.data->>'by') FROM events e
          WHERE e.stream_id = 'declaration-' || l.declaration_id
            AND e.type IN ('DeclarationDrafted', 'BasicInformationRevised', 'FundsRevised', 'GoalsRevised',
                           'IndicatorAdded', 'IndicatorRevised', 'IndicatorRemoved')), '{}'),
        submitters = coalesce((SELECT array_agg(DISTINCT e.data->>'by') FROM events e
          WHERE e.stream_id = 'declaration-' || l.declaration_id AND e.type = 'DeclarationSubmitted'
            AND e.stream_version > coalesce((SELECT max(o.stream_version) FROM events o
              WHERE o.stream_id = e.stream_id AND o.type = 'AmendmentOpened'), 0)), '{}')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list DROP COLUMN authors, DROP COLUMN submitters`);
  }
}
