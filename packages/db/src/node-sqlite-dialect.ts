import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely'

// kysely's SqliteDialect speaks better-sqlite3's interface. Node 24 ships node:sqlite, so rather
// than compile a native addon (or add a dependency for twenty lines) we adapt DatabaseSync to it:
// positional parameters are spread, and a statement "reads" when it returns columns.

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((p) => (typeof p === 'boolean' ? Number(p) : (p as SQLInputValue)))
}

function adaptStatement(statement: StatementSync): SqliteStatement {
  return {
    get reader() {
      return statement.columns().length > 0
    },
    all: (parameters) => statement.all(...bind(parameters)),
    run: (parameters) => statement.run(...bind(parameters)),
    iterate: (parameters) => statement.iterate(...bind(parameters)),
  }
}

export function nodeSqliteDialect(path: string): SqliteDialect {
  const database = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5_000 })
  // WAL lets console-api and ad-api share one file in development: readers never block the writer.
  if (path !== ':memory:') database.exec('PRAGMA journal_mode = WAL')
  const adapted: SqliteDatabase = {
    close: () => database.close(),
    prepare: (sql) => adaptStatement(database.prepare(sql)),
  }
  return new SqliteDialect({ database: adapted })
}
