import { runSubgraph } from '@corphub/module-kit';
import { directory } from './index';

void runSubgraph(directory);
