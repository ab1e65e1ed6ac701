import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayClient } from '@corphub/module-kit';

/**
 * A stand-in gateway over real HTTP that drops the first `drop` connections without answering, as a gateway
 * replica killed mid-request does, then answers `{ data: { ok: true } }`.
 */
async function startFlakyGateway(drop: number) {
  const bodies: string[] = [];
  let dropped = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      if (dropped < drop) {
        dropped += 1;
        req.socket.destroy();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, bodies, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const clientFor = (url: string) => new GatewayClient({ service: 'expenses', gatewayUrl: () => url, internalSecret: 'a-test-secret-of-at-least-32-characters!' });

describe('GatewayClient: a gateway that cannot be reached', () => {
  it('sends a query once more on a fresh connection when the first is dropped', async () => {
    const gateway = await startFlakyGateway(1);
    try {
      await expect(clientFor(gateway.url).request('corp-a', '{ ok }')).resolves.toEqual({ ok: true });
      expect(gateway.bodies).toHaveLength(2);
    } finally {
      await gateway.stop();
    }
  });

  it('never sends a mutation twice, and says SUBGRAPH_UNAVAILABLE naming the caller instead of an internal error', async () => {
    const gateway = await startFlakyGateway(1);
    try {
      const failure = await clientFor(gateway.url)
        .request('corp-a', 'mutation { ok }')
        .then(() => null, (error: unknown) => error);
      expect(failure).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'expenses' } });
      expect(gateway.bodies).toHaveLength(1);
    } finally {
      await gateway.stop();
    }
  });

  it('gives up on a query after the second attempt fails too', async () => {
    const gateway = await startFlakyGateway(5);
    try {
      const failure = await clientFor(gateway.url)
        .request('corp-a', 'query Who { ok }')
        .then(() => null, (error: unknown) => error);
      expect(failure).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
      expect(gateway.bodies).toHaveLength(2);
    } finally {
      await gateway.stop();
    }
  });
});

describe('GatewayClient: an error the gateway answers', () => {
  it('is rethrown with its code and its other extensions (a CONFLICT names what it clashed with)', async () => {
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: null, errors: [{ message: 'Objective "o1" already awaits approval "a1"', extensions: { code: 'CONFLICT', approvalId: 'a1' } }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const failure = await clientFor(url)
        .request('corp-a', 'mutation { ask }')
        .then(() => null, (error: unknown) => error);
      expect(failure).toMatchObject({ message: 'Via the gateway: Objective "o1" already awaits approval "a1"', extensions: { code: 'CONFLICT', approvalId: 'a1' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a 5xx page that is no GraphQL answer (a proxy in front of a dead gateway) is SUBGRAPH_UNAVAILABLE', async () => {
    const server = http.createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const failure = await clientFor(url)
        .request('corp-a', '{ ok }')
        .then(() => null, (error: unknown) => error);
      expect(failure).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'expenses' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
