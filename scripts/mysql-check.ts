import { createConnection } from 'mysql2/promise'

/**
 * Why the tests cannot use the MySQL server of `url` (TEST_MYSQL_URL), in one line with the way
 * out; undefined when it answers. Checked once before the suites, which would otherwise each fail
 * with the same connection error.
 */
export async function mysqlUnreachable(url: string): Promise<string | undefined> {
  const server = new URL(url)
  try {
    const connection = await createConnection({
      uri: `mysql://${server.username}:${server.password}@${server.host}/`,
      connectTimeout: 5_000,
    })
    await connection.end()
    return undefined
  } catch (err) {
    const { message, code } = err as NodeJS.ErrnoException
    if (server.password) server.password = '***'
    return (
      `TEST_MYSQL_URL=${server} does not answer (${message || code}): start MySQL or MariaDB ` +
      `there (e.g. sudo apt-get install -y mariadb-server && sudo service mariadb start), ` +
      `or unset TEST_MYSQL_URL to test on SQLite only`
    )
  }
}
