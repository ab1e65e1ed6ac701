import type { SubgraphContext } from '@corphub/module-kit';
import type { MessagesLoaders } from './loaders';
import type { MessagesServices } from './services';

export type MessagesContext = SubgraphContext<MessagesLoaders, MessagesServices>;
