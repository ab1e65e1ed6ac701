// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125122344 } from './Migration20261125122344';
import { Migration20261125153616 } from './Migration20261125153616';
import { Migration20261125153930 } from './Migration20261125153930';
import { Migration20261125154029 } from './Migration20261125154029';
import { Migration20261125183153 } from './Migration20261125183153';
import { Migration20261125184021 } from './Migration20261125184021';
import { Migration20261203093017 } from './Migration20261203093017';
import { Migration20261204172600 } from './Migration20261204172600';
import { Migration20261205073302 } from './Migration20261205073302';
import { Migration20261205081245 } from './Migration20261205081245';
import { Migration20261210120000 } from './Migration20261210120000';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125122344', class: Migration20261125122344 },
  { name: 'Migration20261125153616', class: Migration20261125153616 },
  { name: 'Migration20261125153930', class: Migration20261125153930 },
  { name: 'Migration20261125154029', class: Migration20261125154029 },
  { name: 'Migration20261125183153', class: Migration20261125183153 },
  { name: 'Migration20261125184021', class: Migration20261125184021 },
  { name: 'Migration20261203093017', class: Migration20261203093017 },
  { name: 'Migration20261204172600', class: Migration20261204172600 },
  { name: 'Migration20261205073302', class: Migration20261205073302 },
  { name: 'Migration20261205081245', class: Migration20261205081245 },
  { name: 'Migration20261210120000', class: Migration20261210120000 },
];
