import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ANONYMOUS_OPERATION, OperationLabels, operationOutcome, SECONDS_BUCKETS, type Outcome } from '@corphub/module-kit/core';
import type { GatewayContext } from '../context';

const PREFIX = 'corphub_gateway_';

/** Prometheus metrics of one gateway (its own registry, so several gateways can share a process). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = this.counter('requests_total', 'GraphQL operations answered, by operation name and outcome (ok, partial, refused, failed)', ['operation', 'outcome']);
  readonly requestSeconds = this.histogram('request_duration_seconds', 'Time from receiving a GraphQL operation to answering it', ['operation', 'outcome']);
  readonly errors = this.counter('errors_total', 'Errors in GraphQL answers, by extensions.code', ['code']);
  readonly subgraphFetchSeconds = this.histogram(
    'subgraph_fetch_duration_seconds',
    'Time of each fetch from a subgraph, by subgraph and outcome (ok, errors, timeout, failed)',
    ['subgraph', 'outcome'],
  );
  readonly subgraphErrors = this.counter('subgraph_errors_total', 'Subgraph fetches that failed (unreachable, HTTP error, timeout), by subgraph and code', ['subgraph', 'code']);
  readonly subgraphFetchesShared = this.counter(
    'subgraph_fetches_shared_total',
    'Subgraph reads not sent because an identical one with the same verified context was in flight, by subgraph',
    ['subgraph'],
  );
  readonly subgraphFetchesBatched = this.counter(
    'subgraph_fetches_batched_total',
    'Subgraph reads sent in a batch with other reads of the same caller and query (CORPHUB_SUBGRAPH_BATCH_SIZE), by subgraph',
    ['subgraph'],
  );
  readonly queryPlanCache = this.counter('query_plan_cache_total', 'Query plan cache lookups, by result (hit, miss)', ['result']);
  readonly persistedQueries = this.counter('persisted_queries_total', 'Automatic persisted query lookups by hash, by result (hit, miss)', ['result']);

  /** The `operation` label of requests_total and request_duration_seconds, bounded (CORPHUB_METRICS_OPERATION_LABELS). */
  readonly operations: OperationLabels;

  private planHits = 0;
  private planMisses = 0;

  constructor(options: { processMetrics?: boolean; operationLabels?: number } = {}) {
    this.operations = new OperationLabels(options.operationLabels);
    const hitRatio: Gauge = new Gauge({
      name: `${PREFIX}query_plan_cache_hit_ratio`,
      help: 'Share of query plan lookups answered from the cache since start (0 to 1)',
      registers: [this.registry],
      collect: () => {
        const lookups = this.planHits + this.planMisses;
        hitRatio.set(lookups ? this.planHits / lookups : 0);
      },
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  private counter<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Counter<Label> {
    return new Counter({ name: PREFIX + name, help, labelNames, registers: [this.registry] });
  }

  private histogram<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Histogram<Label> {
    return new Histogram({ name: PREFIX + name, help, labelNames, buckets: SECONDS_BUCKETS, registers: [this.registry] });
  }

  recordPlanLookup(hit: boolean): void {
    if (hit) this.planHits++;
    else this.planMisses++;
    this.queryPlanCache.inc({ result: hit ? 'hit' : 'miss' });
  }
}

/** The operation's name as the request gave it (log lines keep it; metrics bound it, see GatewayMetrics.operations). */
export function operationName(requestContext: GraphQLRequestContext<GatewayContext>): string {
  return requestContext.operationName ?? requestContext.request.operationName ?? ANONYMOUS_OPERATION;
}

export interface AnsweredOperation {
  operation: string;
  outcome: Outcome;
  codes: string[];
  seconds: number;
}

/** What became of an operation, read from the answer about to be sent. */
export function answeredOperation(requestContext: GraphQLRequestContext<GatewayContext>, executed: boolean, startedAt: number): AnsweredOperation {
  const { outcome, codes } = operationOutcome(requestContext, executed);
  return { operation: operationName(requestContext), outcome, codes, seconds: (performance.now() - startedAt) / 1000 };
}

/**
 * Counts every GraphQL operation by name and outcome, and times it. An operation whose text is registered
 * (`isRegistered(queryHash)`, the operations manifest) keeps its name; others share the bounded label set.
 */
export function useMetrics(metrics: GatewayMetrics, isRegistered: (queryHash: string) => boolean = () => false): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart(requestContext) {
      const startedAt = performance.now();
      let executed = false;
      return {
        async didResolveSource(context) {
          if (context.metrics.persistedQueryHit) metrics.persistedQueries.inc({ result: 'hit' });
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse() {
          const answered = answeredOperation(requestContext, executed, startedAt);
          const { outcome, codes, seconds } = answered;
          const named = answered.operation !== ANONYMOUS_OPERATION;
          const operation = metrics.operations.label(named ? answered.operation : undefined, requestContext.queryHash !== undefined && isRegistered(requestContext.queryHash));
          metrics.requests.inc({ operation, outcome });
          metrics.requestSeconds.observe({ operation, outcome }, seconds);
          for (const code of codes) {
            metrics.errors.inc({ code });
            if (code === 'PERSISTED_QUERY_NOT_FOUND') metrics.persistedQueries.inc({ result: 'miss' });
          }
        },
      };
    },
  };
}
