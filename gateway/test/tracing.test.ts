import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, startTracing, type RunningGateway, type Tracing } from '@corphub/gateway';
import { hubManifest, readSupergraph, SUBGRAPHS } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { readSecurityConfig } from '@corphub/module-kit';
import { setEnvironment } from '@corphub/module-kit/testing';

interface ExportedSpan {
  service: string;
  version?: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
}

/** A stand-in OTLP/HTTP collector on loopback: the spans of every JSON export (OTEL_EXPORTER_OTLP_PROTOCOL=http/json). */
async function startCollector() {
  const spans: ExportedSpan[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      paths.push(req.url ?? '');
      type Attribute = { key: string; value: { stringValue?: string } };
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { resource: { attributes: Attribute[] }; scopeSpans: { spans: Omit<ExportedSpan, 'service' | 'version'>[] }[] }[];
      };
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const attribute = (key: string) => resource.attributes.find((candidate) => candidate.key === key)?.value.stringValue;
        for (const { spans: exported } of scopeSpans) {
          for (const span of exported) spans.push({ service: attribute('service.name')!, version: attribute('service.version'), name: span.name, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, kind: span.kind });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, paths, stop: () => new Promise((resolve) => server.close(resolve)) };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

const post = (url: string, token: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query: 'query Traced { me { role } }' }) });

describe('W3C trace context without OpenTelemetry', () => {
  let hub: TestHub;
  let gateway: RunningGateway;
  let proxy: http.Server;
  const seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ label: 'trace-pass' });
    // between a second gateway and identity: keeps the headers each subgraph call carried
    const target = new URL(hub.subgraphs.identity.url);
    proxy = http.createServer((req, res) => {
      seen.push(req.headers);
      const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    gateway = await startGateway({ supergraphSdl: readSupergraph(), subgraphs: hubManifest(SUBGRAPHS), subgraphUrls: { identity: proxyUrl }, security: readSecurityConfig({}), registry: false });
  });
  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => proxy?.close(resolve));
    await hub?.stop();
  });

  it("passes the caller's traceparent and tracestate on to the subgraph", async () => {
    const token = await hub.token({ corp: 'acme' });
    const response = await post(gateway.url, token, { traceparent: CALLER_TRACEPARENT, tracestate: 'vendor=abc' });
    expect(await response.json()).toEqual({ data: { me: { role: 'ADMIN' } } });
    expect(seen.at(-1)).toEqual(expect.objectContaining({ traceparent: CALLER_TRACEPARENT, tracestate: 'vendor=abc' }));
  });

  it('sends none when the caller sent none, or a malformed one', async () => {
    const token = await hub.token({ corp: 'acme' });
    await post(gateway.url, token);
    expect(seen.at(-1)?.traceparent).toBeUndefined();
    await post(gateway.url, token, { traceparent: 'not-a-trace' });
    expect(seen.at(-1)?.traceparent).toBeUndefined();
  });
});

describe('OpenTelemetry tracing', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(startTracing({})).toBeUndefined();
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    let collector: Awaited<ReturnType<typeof startCollector>>;
    let tracing: Tracing;
    let hub: TestHub | undefined;
    let restore: () => void;

    beforeAll(async () => {
      collector = await startCollector();
      // the subgraphs read the standard variables at start, as their processes do
      restore = setEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
      tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'corphub-test' })!;
      hub = await startTestHub({ label: 'tracing' });
    });
    afterAll(async () => {
      await hub?.stop();
      await tracing?.shutdown();
      restore?.();
      await collector?.stop();
    });

    it('puts the gateway span and the subgraph span of a request in one trace, the caller’s, the subgraph’s under the gateway’s fetch', async () => {
      const token = await hub!.token({ corp: 'acme' });
      const response = await post(hub!.url, token, { traceparent: CALLER_TRACEPARENT });
      expect(await response.json()).toEqual({ data: { me: { role: 'ADMIN' } } });
      await tracing.flush();
      // stopping the subgraphs flushes their spans
      await hub!.stop();
      hub = undefined;
      expect(collector.paths.every((path) => path === '/v1/traces')).toBe(true);
      const trace = collector.spans.filter((span) => span.traceId === TRACE_ID);
      const fetchSpan = trace.find((span) => span.service === 'corphub-test' && span.name === 'gateway.fetch');
      expect(trace.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
      expect(fetchSpan).toBeDefined();
      const subgraphSpan = trace.find((span) => span.service === 'corphub-identity');
      // SpanKind.SERVER is 2 in OTLP
      expect(subgraphSpan).toEqual({ service: 'corphub-identity', version: '0.1.0', name: 'query Traced__identity__0', traceId: TRACE_ID, spanId: expect.any(String), parentSpanId: fetchSpan?.spanId, kind: 2 });
    });
  });
});
