// Frozen: a migration that has run anywhere is never edited. Change the schema with a new file.
import type { Kysely } from 'kysely'

// console-api's failed logins, per key (an email from one address, an email, an address: each a
// SHA-256, so no email or address is stored), in the database so every replica counts the same.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'datetime', (c) => c.notNull())
    .addColumn('last_failed_at', 'datetime', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute()
}
