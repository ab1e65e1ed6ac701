import { runSubgraph } from '@corphub/shared';
import { logs } from './index';

void runSubgraph(logs);
