import { exitOnInvalidEnv, readEnv, runSubgraph } from '@corphub/module-kit';
import { identity } from './index';
import { announceSupergraph } from './registry/registry.notice';

exitOnInvalidEnv('identity', ['subgraphs', 'identity']);
const { REDIS_URL: redisUrl, CORPHUB_REGISTRY_CHANNEL: channel } = readEnv(['REDIS_URL', 'CORPHUB_REGISTRY_CHANNEL']);

void runSubgraph(identity, {
  // gateway replicas hear of a new supergraph at once; they also poll without it
  onSupergraphPublished: redisUrl ? (revision) => announceSupergraph(redisUrl, channel, revision) : undefined,
});
