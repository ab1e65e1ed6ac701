/** `npm run example:okr`: the OKR module as its own process on port 4010 (PORT), with its own database. */
import { runSubgraph } from '@corphub/module-kit';
import { okr } from './index';

void runSubgraph(okr);
