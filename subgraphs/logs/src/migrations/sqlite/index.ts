// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125142226 } from './Migration20261125142226';
import { Migration20261125184245 } from './Migration20261125184245';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125142226', class: Migration20261125142226 },
  { name: 'Migration20261125184245', class: Migration20261125184245 },
];
