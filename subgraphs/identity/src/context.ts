import type { SubgraphContext } from '@corphub/module-kit';
import type { IdentityLoaders } from './loaders';
import type { IdentityServices } from './services';

export type IdentityContext = SubgraphContext<IdentityLoaders, IdentityServices>;
