/**
 * `npm run migration:create`: writes this module's migrations, SQLite and PostgreSQL (DATABASE_URL, or the
 * local server), for what its entities add to the committed ones; build again to include them.
 */
import { createMigrations } from '@corphub/module-kit';
import { okr } from './index';

createMigrations([okr]).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
