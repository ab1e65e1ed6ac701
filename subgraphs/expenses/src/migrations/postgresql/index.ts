// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125142642 } from './Migration20261125142642';
import { Migration20261125155138 } from './Migration20261125155138';
import { Migration20261125184227 } from './Migration20261125184227';
import { Migration20261204173001 } from './Migration20261204173001';
import { Migration20261205120948 } from './Migration20261205120948';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125142642', class: Migration20261125142642 },
  { name: 'Migration20261125155138', class: Migration20261125155138 },
  { name: 'Migration20261125184227', class: Migration20261125184227 },
  { name: 'Migration20261204173001', class: Migration20261204173001 },
  { name: 'Migration20261205120948', class: Migration20261205120948 },
];
