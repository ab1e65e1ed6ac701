import type { SubgraphContext } from '@corphub/module-kit';
import type { OkrLoaders } from './loaders';
import type { OkrServices } from './services';

export type OkrContext = SubgraphContext<OkrLoaders, OkrServices>;
