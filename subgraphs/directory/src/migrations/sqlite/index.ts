// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125125820 } from './Migration20261125125820';
import { Migration20261125154859 } from './Migration20261125154859';
import { Migration20261205081356 } from './Migration20261205081356';
import { Migration20261206055536 } from './Migration20261206055536';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125125820', class: Migration20261125125820 },
  { name: 'Migration20261125154859', class: Migration20261125154859 },
  { name: 'Migration20261205081356', class: Migration20261205081356 },
  { name: 'Migration20261206055536', class: Migration20261206055536 },
];
