/**
 * The OpenTelemetry SDK side of subgraph tracing, loaded by `startSubgraphTracing` only when tracing is on
 * (nothing here is imported otherwise). Not exported from the kit's index.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Span, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { HeaderMap } from '@apollo/server';
import { REQUEST_ID_HEADER } from './auth';
import type { SubgraphTracing } from './tracing';

const headerGetter: TextMapGetter<HeaderMap | undefined> = {
  keys: (headers) => (headers ? [...headers.keys()] : []),
  get: (headers, key) => headers?.get(key),
};

export function subgraphTracer(options: { serviceName: string; serviceVersion?: string; subgraph: string; url: string }): SubgraphTracing {
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': options.serviceName, ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }))],
  });
  const tracer = provider.getTracer('@corphub/module-kit');
  const propagator = new W3CTraceContextPropagator();
  return {
    plugin: {
      async requestDidStart({ request }) {
        // the gateway's fetch span (or the caller's traceparent it passed on) is the parent
        const parent = propagator.extract(ROOT_CONTEXT, request.http?.headers, headerGetter);
        const requestId = request.http?.headers.get(REQUEST_ID_HEADER);
        const span: Span = tracer.startSpan(
          'graphql.request',
          { kind: SpanKind.SERVER, attributes: { 'corphub.subgraph': options.subgraph, ...(requestId ? { 'corphub.request_id': requestId } : {}) } },
          parent,
        );
        return {
          async didResolveOperation({ operationName, operation }) {
            const type = operation?.operation ?? 'operation';
            span.updateName(`${type} ${operationName ?? '(anonymous)'}`);
            span.setAttributes({ 'graphql.operation.type': type, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
          },
          async willSendResponse({ response }) {
            const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
            const codes = (result.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN'));
            if (codes.length) span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
            span.end();
          },
        };
      },
    },
    flush: () => provider.forceFlush(),
    // the provider was never registered globally: nothing process-wide to undo
    shutdown: () => provider.shutdown(),
  };
}
