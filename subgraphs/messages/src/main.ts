import { runSubgraph } from '@corphub/module-kit';
import { messages } from './index';

void runSubgraph(messages);
