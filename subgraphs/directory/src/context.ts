import type { SubgraphContext } from '@corphub/module-kit';
import type { DirectoryLoaders } from './loaders';
import type { DirectoryServices } from './services';

export type DirectoryContext = SubgraphContext<DirectoryLoaders, DirectoryServices>;
