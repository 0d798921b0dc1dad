import path from 'node:path';
import { defineConfig } from 'prisma/config';

/**
 * Prisma 7 reads the schema location and the database URL from here.
 * Migrations normally run through `npx tsx db/migrate.ts` (which works offline, see db/README.md);
 * the URL below only matters when Prisma's own CLI runs them.
 */
export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL },
});
