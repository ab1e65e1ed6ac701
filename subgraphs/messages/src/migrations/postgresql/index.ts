// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125154426 } from './Migration20261125154426';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125154426', class: Migration20261125154426 },
];
