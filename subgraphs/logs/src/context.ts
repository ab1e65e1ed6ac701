import type { SubgraphContext } from '@corphub/module-kit';
import type { LogsLoaders } from './loaders';
import type { LogsServices } from './services';

export type LogsContext = SubgraphContext<LogsLoaders, LogsServices>;
