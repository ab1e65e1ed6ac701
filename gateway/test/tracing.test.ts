import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTracing, type Tracing } from '@corphub/gateway';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';

/** A stand-in OTLP/HTTP collector on loopback: keeps each request's path and body. */
async function startCollector() {
  const received: { path: string; body: Buffer }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, stop: () => new Promise((resolve) => server.close(resolve)) };
}

describe('OpenTelemetry tracing', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(startTracing({})).toBeUndefined();
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    let collector: Awaited<ReturnType<typeof startCollector>>;
    let tracing: Tracing;
    let hub: TestHub;

    beforeAll(async () => {
      collector = await startCollector();
      tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'corphub-test' })!;
      hub = await startTestHub({ label: 'tracing' });
    });
    afterAll(async () => {
      await hub?.stop();
      await tracing?.shutdown();
      await collector?.stop();
    });

    it("exports the gateway's spans of a request, with its subgraph fetches", async () => {
      const response = await hub.request('query Traced { me { role } }', { token: await hub.token({ corp: 'acme' }) });
      expect(response.data).toEqual({ me: { role: 'ADMIN' } });
      await tracing.flush();
      const exported = collector.received.filter((request) => request.path === '/v1/traces');
      expect(exported.length).toBeGreaterThan(0);
      const payload = Buffer.concat(exported.map((request) => request.body)).toString('latin1');
      for (const name of ['corphub-test', 'gateway.request', 'gateway.plan', 'gateway.fetch', 'Traced']) expect(payload).toContain(name);
    });
  });
});
