import type { SubgraphContext } from '@corphub/shared';
import type { MediaLoaders } from './loaders';

export type MediaContext = SubgraphContext<MediaLoaders>;
