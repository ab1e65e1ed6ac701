import type { SubgraphContext } from '@corphub/module-kit';
import type { MediaLoaders } from './loaders';
import type { MediaServices } from './services';

export type MediaContext = SubgraphContext<MediaLoaders, MediaServices>;
