// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125154955 } from './Migration20261125154955';
import { Migration20261206022509 } from './Migration20261206022509';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125154955', class: Migration20261125154955 },
  { name: 'Migration20261206022509', class: Migration20261206022509 },
];
