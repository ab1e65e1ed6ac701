import type { SubgraphContext } from '@corphub/module-kit';
import type { DirectoryLoaders } from './loaders';

export type DirectoryContext = SubgraphContext<DirectoryLoaders>;
