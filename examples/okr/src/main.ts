/**
 * `npm start`: the module as its own process, on its default port (PORT) with its own database (DATABASE_URL,
 * or an SQLite file in CORPHUB_DATA_DIR); CORPHUB_SEED_DEMO=1 seeds the demo corp.
 */
import { runSubgraph } from '@corphub/module-kit';
import { okr } from './index';

void runSubgraph(okr);
