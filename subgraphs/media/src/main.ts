import { runSubgraph } from '@corphub/shared';
import { media } from './index';

void runSubgraph(media);
