import { DialectAdapterBase } from 'kysely';

export class DuckDBAdapter extends DialectAdapterBase {
  override get supportsCreateIfNotExists(): boolean {
    return true;
  }

  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  override get supportsReturning(): boolean {
    return true;
  }

  override async acquireMigrationLock(): Promise<void> {
    // A DuckDB file has a single writer process, and the driver serialises its one connection: nothing to lock.
  }

  override async releaseMigrationLock(): Promise<void> {}
}
