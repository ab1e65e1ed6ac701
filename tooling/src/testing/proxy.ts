import net from 'node:net';

export interface ProxyTarget {
  host: string;
  port: number;
}

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: what clients are given instead of a replica's address. */
  origin: string;
  port: number;
  /** The replicas behind it; new connections only (a connection stays with the replica it was given). */
  setTargets(targets: ProxyTarget[]): void;
  /** Connections handed to each target so far, by `host:port`. */
  connections(): Record<string, number>;
  stop(): Promise<void>;
}

const keyOf = ({ host, port }: ProxyTarget) => `${host}:${port}`;

/**
 * A TCP load balancer as small as it gets (node:net), for tests that run replicas: each new connection goes
 * to the next target in turn; a target that refuses the connection (a killed replica) is skipped for the next
 * one, as a load balancer's health check would; a connection whose replica dies is closed, so the client sees
 * what it would see behind a real balancer.
 */
export async function startRoundRobinProxy(targets: ProxyTarget[] = []): Promise<RoundRobinProxy> {
  let current = [...targets];
  let next = 0;
  const counts: Record<string, number> = {};
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  /** Connects to the targets in turn from the next one, trying each at most once. */
  const connect = (client: net.Socket, tried: number) => {
    if (client.destroyed) return;
    if (tried >= current.length) {
      client.destroy();
      return;
    }
    const target = current[next++ % current.length];
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    let connected = false;
    let failed = false;
    upstream.on('error', () => {
      if (failed) return;
      failed = true;
      upstream.destroy();
      // refused before it was connected: the next replica; after: the client's connection goes with it
      if (connected) client.destroy();
      else connect(client, tried + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      counts[keyOf(target)] = (counts[keyOf(target)] ?? 0) + 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    client.on('error', () => client.destroy());
    connect(client, 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    setTargets(targets) {
      current = [...targets];
    },
    connections: () => ({ ...counts }),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
