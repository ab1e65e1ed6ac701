import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type * as TracingSdk from './tracing-sdk';
import { readEnv, type RawEnv } from './env';

/** The W3C trace context headers (https://www.w3.org/TR/trace-context/), as forwarded to subgraphs. */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

const TRACEPARENT = /^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(-.*)?$/;
/** The spec's limit: a tracestate of 32 list members of at most 256 bytes each is already far past what anyone sends. */
const TRACESTATE_MAX = 512;

/** A request's `traceparent` (when well formed) and `tracestate`, to pass on; undefined without a valid traceparent. */
export function incomingTraceHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> | undefined {
  const traceparent = headers.traceparent;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent.trim())) return undefined;
  const tracestate = headers.tracestate;
  const state = Array.isArray(tracestate) ? tracestate.join(',') : tracestate;
  return { traceparent: traceparent.trim(), ...(state && state.length <= TRACESTATE_MAX ? { tracestate: state } : {}) };
}

/** The OTLP/HTTP traces URL from the standard variables; undefined (tracing off) when neither is set. */
export function otlpTracesUrl(env?: RawEnv): string | undefined {
  const vars = readEnv(['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'], env);
  if (vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (vars.OTEL_EXPORTER_OTLP_ENDPOINT) return `${vars.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`;
  return undefined;
}

/** A subgraph's OpenTelemetry tracing: the Apollo Server plugin that makes its server spans, and its shutdown. */
export interface SubgraphTracing {
  plugin: ApolloServerPlugin<BaseContext>;
  /** Sends the spans still buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry server spans of a subgraph (service.name `corphub-<subgraph>`, service.version the package's),
 * children of the `traceparent` the gateway sent, exported over OTLP/HTTP. On only when
 * OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set: the OpenTelemetry SDK is loaded
 * then (on demand), and never otherwise. Each subgraph has its own tracer provider, not the process-wide
 * one, so subgraphs sharing a process with the gateway (npm start) still report as themselves.
 */
export function startSubgraphTracing(subgraph: string, version: string | undefined, env?: RawEnv): SubgraphTracing | undefined {
  const url = otlpTracesUrl(env);
  if (!url) return undefined;
  // loaded here, on demand: a process without tracing never loads the OpenTelemetry SDK (a CommonJS package,
  // so a lazy require; an `import()` would want the compiled file's name)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { subgraphTracer } = require('./tracing-sdk') as typeof TracingSdk;
  return subgraphTracer({ serviceName: `corphub-${subgraph}`, serviceVersion: version, subgraph, url });
}
