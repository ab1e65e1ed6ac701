import type { SubgraphContext } from '@corphub/module-kit';
import type { MediaLoaders } from './loaders';

export type MediaContext = SubgraphContext<MediaLoaders>;
