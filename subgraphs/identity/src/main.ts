import { runSubgraph } from '@corphub/module-kit';
import { identity } from './index';
import { announceSupergraph, DEFAULT_REGISTRY_CHANNEL } from './registry/registry.notice';

const redisUrl = process.env.REDIS_URL;
const channel = process.env.CORPHUB_REGISTRY_CHANNEL || DEFAULT_REGISTRY_CHANNEL;

void runSubgraph(identity, {
  // gateway replicas hear of a new supergraph at once; they also poll without it
  onSupergraphPublished: redisUrl ? (revision) => announceSupergraph(redisUrl, channel, revision) : undefined,
});
