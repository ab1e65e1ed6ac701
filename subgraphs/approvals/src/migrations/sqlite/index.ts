// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205071148 } from './Migration20261205071148';
import { Migration20261205120947 } from './Migration20261205120947';
import { Migration20261206021455 } from './Migration20261206021455';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261205071148', class: Migration20261205071148 },
  { name: 'Migration20261205120947', class: Migration20261205120947 },
  { name: 'Migration20261206021455', class: Migration20261206021455 },
];
