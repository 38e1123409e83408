// One in-memory DuckDB connection per script run. Pinned to UTC so DATE and TIMESTAMP values never
// shift with the machine's time zone while they are converted.
import { DuckDBInstance } from '@duckdb/node-api';

export async function openDuckDB(path = ':memory:', options = {}) {
  const instance = await DuckDBInstance.create(path, options);
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return {
    connection,
    async rows(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS();
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
