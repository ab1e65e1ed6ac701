// Written by `npm run migration:create`: the migrations of this dialect, oldest first.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125141705 } from './Migration20261125141705';
import { Migration20261125155136 } from './Migration20261125155136';
import { Migration20261205072552 } from './Migration20261205072552';
import { Migration20261205080955 } from './Migration20261205080955';
import { Migration20261205122811 } from './Migration20261205122811';
import { Migration20261205211531 } from './Migration20261205211531';
import { Migration20261206203725 } from './Migration20261206203725';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261125141705', class: Migration20261125141705 },
  { name: 'Migration20261125155136', class: Migration20261125155136 },
  { name: 'Migration20261205072552', class: Migration20261205072552 },
  { name: 'Migration20261205080955', class: Migration20261205080955 },
  { name: 'Migration20261205122811', class: Migration20261205122811 },
  { name: 'Migration20261205211531', class: Migration20261205211531 },
  { name: 'Migration20261206203725', class: Migration20261206203725 },
];
