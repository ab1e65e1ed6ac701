import { runSubgraph } from '@corphub/shared';
import { messages } from './index';

void runSubgraph(messages);
