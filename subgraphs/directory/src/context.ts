import type { SubgraphContext } from '@corphub/shared';
import type { DirectoryLoaders } from './loaders';

export type DirectoryContext = SubgraphContext<DirectoryLoaders>;
