import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { Redis } from 'ioredis';
import { CONTEXT_HEADER, Role } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import { sha256 } from './plugins/use-persisted-queries';
import type { InternalContextSigner } from './context';

type SupergraphSdlHookOptions = Parameters<SupergraphSdlHook>[0];

/** The registry's latest supergraph, as the `registry` service answers `registrySupergraph`. */
export interface RegistrySupergraph {
  revision: number;
  sha: string;
  baseSha: string;
  sdl: string;
}

export interface RegistrySupergraphOptions {
  /** The core subgraphs' own supergraph: served until the registry has one composed over the same core. */
  baseSupergraphSdl: string;
  /** Reads the registry's latest supergraph (null: nothing published yet). */
  fetchLatest: () => Promise<RegistrySupergraph | null>;
  pollIntervalMs: number;
  /** When set, a notice on `channel` makes every replica poll at once instead of at its next tick. */
  redisUrl?: string;
  channel: string;
  logger: Logger;
  /** Told the revision each time a supergraph is loaded (readiness, metrics, tests). */
  onLoaded?: (revision: number) => void;
}

/** The registry, read directly from the subgraph that provides it, with a service context signed by the gateway (not through the graph). */
export function registryFetcher(registry: string, registryUrl: () => string | undefined, contexts: InternalContextSigner): () => Promise<RegistrySupergraph | null> {
  return async () => {
    const url = registryUrl();
    if (!url) throw new Error(`No URL for subgraph "${registry}" to read the registry from`);
    const context = await contexts.sign({ subject: 'gateway', corpId: 'platform', role: Role.SERVICE }, registry);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context },
      body: JSON.stringify({ query: '{ registrySupergraph { revision sha baseSha sdl } }' }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { data?: { registrySupergraph: RegistrySupergraph | null }; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`Registry answered HTTP ${response.status}: ${body.errors?.[0]?.message ?? 'no data'}`);
    return body.data.registrySupergraph;
  };
}

/** Why a supergraph must not be loaded, or undefined when it may. */
export function supergraphProblem(sdl: string, baseSupergraphSdl: string): string | undefined {
  try {
    const names = new Set(Supergraph.build(sdl).subgraphsMetadata().map((subgraph) => subgraph.name));
    const missing = Supergraph.build(baseSupergraphSdl)
      .subgraphsMetadata()
      .map((subgraph) => subgraph.name)
      .filter((name) => !names.has(name));
    return missing.length ? `it lacks core subgraph(s) ${missing.join(', ')}` : undefined;
  } catch (error) {
    return `it is not a valid supergraph: ${(error as Error).message}`;
  }
}

/**
 * Apollo Gateway's SupergraphManager over the module registry: starts on the registry's latest supergraph
 * (or the core one), then polls and hands each new one to `update`. Apollo swaps schemas between
 * requests, so requests in flight finish on the schema they started with. A supergraph that does not
 * build, lacks a core subgraph or was composed over another core graph is never loaded: the current one
 * keeps serving and the bad one is not tried again.
 */
export class RegistrySupergraphManager implements SupergraphManager {
  private readonly baseSha: string;
  private currentSha: string;
  private revision = 0;
  private readonly rejected = new Set<string>();
  private update?: SupergraphSdlHookOptions['update'];
  private timer?: NodeJS.Timeout;
  private redis?: Redis;
  private polling?: Promise<void>;
  private pollAgain = false;
  private stopped = false;

  constructor(private readonly options: RegistrySupergraphOptions) {
    this.baseSha = sha256(options.baseSupergraphSdl);
    this.currentSha = this.baseSha;
  }

  async initialize({ update }: SupergraphSdlHookOptions): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.update = update;
    let supergraphSdl = this.options.baseSupergraphSdl;
    try {
      const latest = await this.options.fetchLatest();
      if (latest && this.acceptable(latest)) {
        supergraphSdl = latest.sdl;
        this.currentSha = latest.sha;
        this.revision = latest.revision;
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'registry unreachable at start: serving the core supergraph until it answers');
    }
    this.options.onLoaded?.(this.revision);
    this.timer = setInterval(() => void this.pollNow(), this.options.pollIntervalMs);
    this.timer.unref();
    if (this.options.redisUrl) this.subscribe(this.options.redisUrl);
    return { supergraphSdl, cleanup: () => this.stop() };
  }

  /** Reads the registry now (a publish in this process, a Redis notice); concurrent calls share one read. */
  pollNow(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.pollAgain = false;
        await this.poll();
      } while (this.pollAgain && !this.stopped);
    })().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async poll(): Promise<void> {
    if (this.stopped || !this.update) return;
    let latest: RegistrySupergraph | null;
    try {
      latest = await this.options.fetchLatest();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'registry poll failed; the current supergraph keeps serving');
      return;
    }
    if (!latest || latest.sha === this.currentSha || latest.revision < this.revision || !this.acceptable(latest)) return;
    try {
      this.update(latest.sdl);
    } catch (error) {
      this.rejected.add(latest.sha);
      this.options.logger.error({ err: error, revision: latest.revision }, 'gateway refused the new supergraph; the current one keeps serving');
      return;
    }
    this.currentSha = latest.sha;
    this.revision = latest.revision;
    this.options.logger.info({ revision: latest.revision, sha: latest.sha }, 'loaded a new supergraph from the registry');
    this.options.onLoaded?.(latest.revision);
  }

  private acceptable(latest: RegistrySupergraph): boolean {
    if (this.rejected.has(latest.sha)) return false;
    const problem =
      latest.baseSha !== this.baseSha ? 'it was composed over another core graph (a deploy in progress?)'
      : sha256(latest.sdl) !== latest.sha ? 'its content does not match its sha'
      : supergraphProblem(latest.sdl, this.options.baseSupergraphSdl);
    if (!problem) return true;
    this.rejected.add(latest.sha);
    this.options.logger.error({ revision: latest.revision, problem }, `not loading registry supergraph: ${problem}`);
    return false;
  }

  private subscribe(redisUrl: string): void {
    const redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
    this.redis = redis;
    redis.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'registry notices: redis error (polling continues)'));
    redis.on('message', () => void this.pollNow());
    redis.subscribe(this.options.channel).catch((error: Error) => this.options.logger.warn({ err: error }, 'registry notices: subscribe failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling?.catch(() => undefined);
    if (this.redis) {
      this.redis.disconnect();
      this.redis = undefined;
    }
  }
}
