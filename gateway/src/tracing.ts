import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation } from '@opentelemetry/api';
import { otlpTracesUrl, readEnv, type RawEnv } from '@corphub/module-kit/core';
import type * as TracingSdk from './tracing-sdk';

export interface Tracing {
  /** Sends the spans still buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set:
 * Apollo Gateway's own spans (gateway.request, gateway.plan, gateway.fetch per subgraph, ...) are
 * exported over OTLP/HTTP (the exporter reads the standard OTEL_* variables). Called by the process
 * entry points (npm start, main.ts), since it registers a process-wide tracer provider. The OpenTelemetry SDK is
 * loaded then, and never otherwise.
 */
export function startTracing(env?: RawEnv): Tracing | undefined {
  const traces = otlpTracesUrl(env);
  if (!traces) return undefined;
  // a CommonJS package, so a lazy require (as the module kit's startSubgraphTracing)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registerTracerProvider } = require('./tracing-sdk') as typeof TracingSdk;
  return registerTracerProvider({ serviceName: readEnv(['OTEL_SERVICE_NAME'], env).OTEL_SERVICE_NAME, url: traces });
}

/**
 * The W3C trace context to send a subgraph: with tracing on, the gateway's own active span (its `gateway.fetch`,
 * so the subgraph's span is its child); off, the caller's `traceparent` and `tracestate` as they came
 * (`passThrough`, see incomingTraceHeaders), so a trace started upstream still reaches the subgraphs.
 */
export function traceHeaders(passThrough: Record<string, string> | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent) return carrier.tracestate ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate } : { traceparent: carrier.traceparent };
  return passThrough ?? {};
}

/** Runs a request handler in the trace context of the caller's `traceparent` (a no-op with tracing off). */
export function inCallerTrace<Result>(handler: (req: IncomingMessage, res: ServerResponse) => Result): (req: IncomingMessage, res: ServerResponse) => Result {
  return (req, res) => context.with(propagation.extract(context.active(), req.headers), () => handler(req, res));
}
