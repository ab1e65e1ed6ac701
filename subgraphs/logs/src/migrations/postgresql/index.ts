// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125142227 } from './Migration20261125142227';
import { Migration20261125184246 } from './Migration20261125184246';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125142227', class: Migration20261125142227 },
  { name: 'Migration20261125184246', class: Migration20261125184246 },
];
