import { runSubgraph } from '@corphub/module-kit';
import { attendance } from './index';

void runSubgraph(attendance);
