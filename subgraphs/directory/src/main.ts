import { runSubgraph } from '@corphub/shared';
import { directory } from './index';

void runSubgraph(directory);
