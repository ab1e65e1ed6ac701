// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125125821 } from './Migration20261125125821';
import { Migration20261125154901 } from './Migration20261125154901';
import { Migration20261205081357 } from './Migration20261205081357';
import { Migration20261206055536 } from './Migration20261206055536';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125125821', class: Migration20261125125821 },
  { name: 'Migration20261125154901', class: Migration20261125154901 },
  { name: 'Migration20261205081357', class: Migration20261205081357 },
  { name: 'Migration20261206055536', class: Migration20261206055536 },
];
