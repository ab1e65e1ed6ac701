import type { SubgraphContext } from '@corphub/module-kit';
import type { IdentityLoaders } from './loaders';

export type IdentityContext = SubgraphContext<IdentityLoaders>;
