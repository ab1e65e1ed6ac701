import { runSubgraph } from '@corphub/module-kit';
import { approvals } from './index';

void runSubgraph(approvals);
