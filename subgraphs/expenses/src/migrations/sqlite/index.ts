// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125142641 } from './Migration20261125142641';
import { Migration20261125155136 } from './Migration20261125155136';
import { Migration20261125184226 } from './Migration20261125184226';
import { Migration20261204173000 } from './Migration20261204173000';
import { Migration20261205120947 } from './Migration20261205120947';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125142641', class: Migration20261125142641 },
  { name: 'Migration20261125155136', class: Migration20261125155136 },
  { name: 'Migration20261125184226', class: Migration20261125184226 },
  { name: 'Migration20261204173000', class: Migration20261204173000 },
  { name: 'Migration20261205120947', class: Migration20261205120947 },
];
