import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ENV_SCHEMA, readEnv, type RawEnv } from './env';

/** Default of CORPHUB_METRICS_OPERATION_LABELS: distinct operation names that get a metric label of their own. */
export const DEFAULT_OPERATION_LABELS = ENV_SCHEMA.CORPHUB_METRICS_OPERATION_LABELS.default;

/** The label of every operation past the cap, and of an operation with no name. */
export const OTHER_OPERATION = 'other';
export const ANONYMOUS_OPERATION = '(anonymous)';

const OPERATION_LABEL_MAX = 64;

/** CORPHUB_METRICS_OPERATION_LABELS: a positive integer, DEFAULT_OPERATION_LABELS when unset. */
export function operationLabelLimit(env?: RawEnv): number {
  return readEnv(['CORPHUB_METRICS_OPERATION_LABELS'], env).CORPHUB_METRICS_OPERATION_LABELS;
}

/**
 * Bounds the `operation` label of a metric: a client chooses operation names, so each new one would be a new
 * time series in Prometheus, without limit. Operations the hub knows (registered ones, `keep`) always keep their
 * name; of the others only the first `limit` distinct names seen since start do, and every later one is `other`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number = DEFAULT_OPERATION_LABELS) {}

  /** The label for an operation name; `known` keeps it whatever the cap (a registered operation). */
  label(name: string | null | undefined, known = false): string {
    if (!name) return ANONYMOUS_OPERATION;
    const label = name.slice(0, OPERATION_LABEL_MAX);
    if (known || this.seen.has(label)) return label;
    if (this.seen.size >= this.limit) return OTHER_OPERATION;
    this.seen.add(label);
    return label;
  }
}

/** An operation answered: fully, with some fields missing, refused before execution, or failed. */
export type Outcome = 'ok' | 'partial' | 'refused' | 'failed';

/** What became of an operation, read from the answer about to be sent: its outcome and its errors' codes. */
export function operationOutcome(requestContext: GraphQLRequestContext<BaseContext>, executed: boolean): { outcome: Outcome; codes: string[] } {
  const body = requestContext.response.body;
  const result = body?.kind === 'single' ? body.singleResult : body?.initialResult;
  const codes = (result?.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN'));
  const hasData = result?.data !== undefined && result?.data !== null;
  const outcome: Outcome = !codes.length ? 'ok' : !executed ? 'refused' : hasData ? 'partial' : 'failed';
  return { outcome, codes };
}

/** Request durations, in seconds: from a cached plan's few milliseconds to a subgraph's deadline. */
export const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics of one subgraph (`corphub_subgraph_…`, every series labelled `subgraph`): GraphQL
 * operations by bounded operation name and outcome, their duration, errors by code, and the Node process
 * metrics. Its own registry, so several subgraphs can share a process (npm start).
 */
export class SubgraphMetrics {
  readonly registry = new Registry();
  readonly operations: OperationLabels;
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly requestSeconds: Histogram<'operation' | 'outcome'>;
  readonly errors: Counter<'code'>;

  constructor(subgraph: string, options: { operationLabels?: number; processMetrics?: boolean } = {}) {
    this.operations = new OperationLabels(options.operationLabels);
    this.registry.setDefaultLabels({ subgraph });
    const registers = [this.registry];
    this.requests = new Counter({ name: 'corphub_subgraph_requests_total', help: 'GraphQL operations answered, by operation name and outcome (ok, partial, refused, failed)', labelNames: ['operation', 'outcome'], registers });
    this.requestSeconds = new Histogram({
      name: 'corphub_subgraph_request_duration_seconds',
      help: 'Time from receiving a GraphQL operation to answering it',
      labelNames: ['operation', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.errors = new Counter({ name: 'corphub_subgraph_errors_total', help: 'Errors in GraphQL answers, by extensions.code', labelNames: ['code'], registers });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'corphub_subgraph_' });
  }
}

/** Counts and times every GraphQL operation a subgraph answers (each operation of a batch on its own). */
export function useSubgraphMetrics(metrics: SubgraphMetrics): ApolloServerPlugin<BaseContext> {
  return {
    // a request without a valid verified context is refused before any operation starts
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      metrics.errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
    },
    async requestDidStart(requestContext) {
      const startedAt = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse() {
          const { outcome, codes } = operationOutcome(requestContext, executed);
          const operation = metrics.operations.label(requestContext.operationName ?? requestContext.request.operationName);
          metrics.requests.inc({ operation, outcome });
          metrics.requestSeconds.observe({ operation, outcome }, (performance.now() - startedAt) / 1000);
          for (const code of codes) metrics.errors.inc({ code });
        },
      };
    },
  };
}

/** The token of `Authorization: Bearer <token>`. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** The request carries `Authorization: Bearer <CORPHUB_METRICS_TOKEN>` (never true while no token is set); compared in constant time. */
export function hasMetricsToken(authorization: string | undefined, token: string | undefined): boolean {
  const given = bearerToken(authorization);
  if (token === undefined || !given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** `GET /metrics` in Prometheus text format; with a metrics token set, only for `Authorization: Bearer <token>` (401 otherwise). */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (token && !hasMetricsToken(req.header('authorization'), token)) {
      res.status(401).type('text/plain').send('metrics need Authorization: Bearer <CORPHUB_METRICS_TOKEN>\n');
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
