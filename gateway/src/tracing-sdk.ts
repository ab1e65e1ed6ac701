/**
 * The OpenTelemetry SDK side of the gateway's tracing, loaded by `startTracing` only when tracing is on
 * (nothing here is imported otherwise). Not exported from the gateway's index.
 */
import { diag, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Tracing } from './tracing';

/** Registers the process-wide tracer provider, exporting over OTLP/HTTP to `url`. */
export function registerTracerProvider(options: { serviceName: string | undefined; url: string }): Tracing {
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }))],
  });
  provider.register();
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      diag.disable();
    },
  };
}
