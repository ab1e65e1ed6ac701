import { EventSource } from 'eventsource';
import type { TestHub } from '@corphub/tooling/testing';
import { CONTEXT_HEADER, readSecurityConfig, Role, subgraphAudience, type RunningServer } from '@corphub/module-kit';
import { errorCodes, signTestContext } from '@corphub/module-kit/testing';
import { createServer, openStreamCount } from '@corphub/messages';
import { REDIS_URL, SEND, seedMessagesOrg, send, sendInput, startMessagesHub, uniquePrefix, type MessagesOrg } from './helpers';

interface Received {
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/** A real EventSource client (the `eventsource` package, over fetch) that records what it receives. */
class Listener {
  readonly received: Received[] = [];
  private readonly source: EventSource;
  readonly ready: Promise<Record<string, unknown>>;

  constructor(url: string, headers: Record<string, string>) {
    this.source = new EventSource(url, { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) });
    this.ready = new Promise((resolve, reject) => {
      this.source.addEventListener('ready', (event) => resolve(JSON.parse(event.data) as Record<string, unknown>));
      this.source.addEventListener('error', (event) => reject(new Error(`stream error: ${String((event as { message?: string }).message)}`)));
    });
    this.source.addEventListener('message', (event) => this.received.push({ event: 'message', data: JSON.parse(event.data) as Record<string, unknown>, at: Date.now() }));
  }

  /** The first message event with this id, waiting at most `withinMs`. */
  async message(id: string, withinMs = 5000): Promise<Received> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = this.received.find((received) => received.data.id === id);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no message ${id} within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.source.close();
  }
}

async function waitFor(condition: () => boolean, withinMs = 3000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each([
  { mode: 'in-process', redis: false },
  { mode: 'Redis pub/sub', redis: true },
])('messages: live stream and rate limit ($mode)', ({ redis }) => {
  const prefix = uniquePrefix(redis ? 'stream-redis' : 'stream');
  const config = { ...(redis ? { redisUrl: REDIS_URL, redisPrefix: prefix } : {}), rateLimit: { points: 3, windowSeconds: 60 }, heartbeatMs: 300 };
  let hub: TestHub;
  let org: MessagesOrg;
  let streamUrl: string;
  const listeners: Listener[] = [];
  const listen = (token: string, url = streamUrl, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => {
    const listener = new Listener(url, headers);
    listeners.push(listener);
    return listener;
  };

  beforeAll(async () => {
    hub = await startMessagesHub(redis ? 'messages_stream_redis' : 'messages_stream', config);
    org = await seedMessagesOrg(hub);
    streamUrl = new URL('/messages/stream', hub.url).toString();
  }, 180_000);
  afterEach(() => {
    for (const listener of listeners.splice(0)) listener.close();
  });
  afterAll(async () => {
    await waitFor(() => openStreamCount() === 0).catch(() => undefined);
    await hub?.stop();
  });

  it('delivers a new message to the recipient’s open stream within a second, and to nobody else', async () => {
    await waitFor(() => openStreamCount() === 0);
    const before = openStreamCount();
    const alice = listen(org.tokens.alice);
    const bob = listen(org.tokens.bob);
    const eve = listen(org.tokens.eve);
    expect(await alice.ready).toEqual({ unreadCount: expect.any(Number) });
    await Promise.all([bob.ready, eve.ready]);
    expect(openStreamCount()).toBe(before + 3);

    const response = await hub.request(SEND, { token: org.tokens.admin, variables: { input: sendInput({ unionIds: [org.ids.alice] }, { title: 'Live!', priority: 'URGENT' }) } });
    const answeredAt = Date.now();
    expect(response.errors).toBeUndefined();
    const id = response.data!.sendMessage.id as string;
    const received = await alice.message(id, 1000);
    expect(received.at - answeredAt).toBeLessThan(1000);
    expect(received.data).toEqual({
      id,
      appId: null,
      title: 'Live!',
      body: 'Body',
      bodyHtml: '<p>Body</p>',
      format: 'PLAIN',
      link: null,
      priority: 'URGENT',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bob.received).toEqual([]);
    expect(eve.received).toEqual([]);
  });

  it('drops a stream as soon as its client goes away', async () => {
    // the previous test's clients are gone: their streams too
    await waitFor(() => openStreamCount() === 0);
    const before = openStreamCount();
    const nina = listen(org.tokens.nina);
    await nina.ready;
    expect(openStreamCount()).toBe(before + 1);
    nina.close();
    await waitFor(() => openStreamCount() === before);
  });

  it('sends heartbeats through the gateway', async () => {
    const controller = new AbortController();
    const response = await fetch(streamUrl, { headers: { authorization: `Bearer ${org.tokens.carol}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const started = Date.now();
    const timeout = setTimeout(() => controller.abort(), 5000);
    try {
      // the `ready` event first, then a comment line at every heartbeat (every 300 ms here)
      while (!/ready[\s\S]*\n:[^\n]*\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      clearTimeout(timeout);
      controller.abort();
    }
  });

  it('refuses a stream without a person behind the token', async () => {
    const anonymous = await fetch(streamUrl);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const analyst = await fetch(streamUrl, { headers: { authorization: `Bearer ${await hub.token({ corp: 'corp-a', role: Role.ANALYST })}` } });
    expect(analyst.status).toBe(403);
    expect(((await analyst.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('rate-limits sends per app and corp with RATE_LIMITED', async () => {
    for (let i = 0; i < 3; i++) await send(hub, org.vendor.acmeA, { unionIds: [org.ids.dave] }, { title: `burst ${i}` });
    const limited = await hub.request(SEND, { token: org.vendor.acmeA, variables: { input: sendInput({ unionIds: [org.ids.dave] }) } });
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.errors![0].extensions!.retryAfterSeconds).toEqual(expect.any(Number));
    // the same app in another corp, and the admins of this one, have counters of their own
    await send(hub, org.vendor.acmeB, { unionIds: [org.ids.eve] });
    await send(hub, org.tokens.admin, { unionIds: [org.ids.dave] });
  });

  if (redis) {
    it('reaches a stream held by another replica through Redis', async () => {
      const security = readSecurityConfig({});
      const replica: RunningServer = await createServer({ orm: hub.subgraphs.messages.orm, port: 0, host: '127.0.0.1', security, gatewayUrl: () => hub.url }, config);
      try {
        const context = await signTestContext({ subject: org.ids.lead, corpId: 'corp-a', role: Role.EMPLOYEE, unionId: org.ids.lead }, subgraphAudience('messages'));
        const lead = listen(org.tokens.lead, new URL('/messages/stream', replica.url).toString(), { [CONTEXT_HEADER]: context });
        await lead.ready;
        // sent through the gateway, which routes to the hub's own messages server, not the replica
        const id = await send(hub, org.tokens.admin, { unionIds: [org.ids.lead] }, { title: 'Across replicas' });
        expect((await lead.message(id, 1000)).data.title).toBe('Across replicas');
      } finally {
        for (const listener of listeners.splice(0)) listener.close();
        await replica.stop();
      }
    });
  }
});
