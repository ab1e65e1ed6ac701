import { buildFederatedSchema } from '@corphub/module-kit';
import { MediaResolver } from './media/media.resolver';
import type { MediaContext } from './context';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [MediaResolver],
    references: {
      // every reference of one gateway request arrives in one `_entities` call: one statement through the loader
      Media: (ref: { id: string }, { loaders }: MediaContext) => loaders.mediaById.load(ref.id),
    },
  });
}
