// Frozen: a migration that has run anywhere is never edited. Change the schema with a new file.
import type { Kysely } from 'kysely'

// Where each scheduled job stopped, so the next run resumes there (aggregate-reports: the end of
// the last hour it aggregated). One row per job; no foreign keys, nothing else reads it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_watermarks')
    .addColumn('job', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('position', 'datetime', (c) => c.notNull())
    .addColumn('updated_at', 'datetime', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_watermarks').execute()
}
