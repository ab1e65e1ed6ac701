import { runSubgraph } from '@corphub/shared';
import { attendance } from './index';

void runSubgraph(attendance);
