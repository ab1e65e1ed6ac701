import { runSubgraph } from '@corphub/module-kit';
import { logs } from './index';

void runSubgraph(logs);
