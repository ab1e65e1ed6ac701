import { runSubgraph } from '@corphub/shared';
import { expenses } from './index';

void runSubgraph(expenses);
