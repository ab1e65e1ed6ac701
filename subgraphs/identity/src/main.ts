import { runSubgraph } from '@corphub/shared';
import { identity } from './index';

void runSubgraph(identity);
