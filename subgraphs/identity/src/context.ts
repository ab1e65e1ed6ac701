import type { SubgraphContext } from '@corphub/shared';
import type { IdentityLoaders } from './loaders';

export type IdentityContext = SubgraphContext<IdentityLoaders>;
