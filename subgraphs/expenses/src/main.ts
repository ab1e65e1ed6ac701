import { runSubgraph } from '@corphub/module-kit';
import { expenses } from './index';

void runSubgraph(expenses);
