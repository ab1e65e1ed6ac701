// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125122344 } from './Migration20261125122344';
import { Migration20261125153615 } from './Migration20261125153615';
import { Migration20261125153928 } from './Migration20261125153928';
import { Migration20261125154028 } from './Migration20261125154028';
import { Migration20261125183153 } from './Migration20261125183153';
import { Migration20261125184020 } from './Migration20261125184020';
import { Migration20261203093017 } from './Migration20261203093017';
import { Migration20261204172557 } from './Migration20261204172557';
import { Migration20261205073300 } from './Migration20261205073300';
import { Migration20261205081242 } from './Migration20261205081242';
import { Migration20261210120000 } from './Migration20261210120000';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125122344', class: Migration20261125122344 },
  { name: 'Migration20261125153615', class: Migration20261125153615 },
  { name: 'Migration20261125153928', class: Migration20261125153928 },
  { name: 'Migration20261125154028', class: Migration20261125154028 },
  { name: 'Migration20261125183153', class: Migration20261125183153 },
  { name: 'Migration20261125184020', class: Migration20261125184020 },
  { name: 'Migration20261203093017', class: Migration20261203093017 },
  { name: 'Migration20261204172557', class: Migration20261204172557 },
  { name: 'Migration20261205073300', class: Migration20261205073300 },
  { name: 'Migration20261205081242', class: Migration20261205081242 },
  { name: 'Migration20261210120000', class: Migration20261210120000 },
];
