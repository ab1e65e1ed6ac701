import { runSubgraph } from '@corphub/module-kit';
import { media } from './index';

void runSubgraph(media);
