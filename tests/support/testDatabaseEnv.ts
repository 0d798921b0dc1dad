/**
 * How globalSetup tells test files where the template database lives. globalSetup runs in jest's
 * main process; the environment variables it sets are inherited by the test workers.
 */
export const TEST_ENV = {
  /** Admin URL of the PostgreSQL server the tests use (throwaway cluster or DATABASE_URL). */
  serverUrl: 'STAMMKUNDE_TEST_SERVER_URL',
  /** Name of the database holding every migration, cloned for each test database. */
  templateDatabase: 'STAMMKUNDE_TEST_TEMPLATE_DATABASE',
  /** Prefix of every database this test run creates, so teardown can drop leftovers. */
  databasePrefix: 'STAMMKUNDE_TEST_DATABASE_PREFIX',
} as const;

export function requiredTestEnv(name: (typeof TEST_ENV)[keyof typeof TEST_ENV]): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest (tests/support/globalSetup.ts sets it)`);
  return value;
}
