import { startThrowawayMariaDb, type ThrowawayMariaDb } from './mariadb';

declare global {
  var lensloopMariaDb: ThrowawayMariaDb | undefined;
}

/** One throwaway MariaDB for the whole jest run; each test file makes its own database in it. */
export default async function globalSetup(): Promise<void> {
  const mariadb = await startThrowawayMariaDb();
  globalThis.lensloopMariaDb = mariadb;
  process.env.LENSLOOP_TEST_MARIADB_URL = mariadb.url;
}
