import type { SubgraphContext } from '@corphub/module-kit';
import type { ApprovalsLoaders } from './loaders';
import type { ApprovalsServices } from './services';

export type ApprovalsContext = SubgraphContext<ApprovalsLoaders, ApprovalsServices>;
