import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from '@corphub/module-kit';

/** What a live stream shows of a new message. */
export interface LiveMessage {
  id: string;
  appId: string | null;
  title: string;
  body: string;
  bodyHtml: string;
  format: string;
  link: string | null;
  priority: string;
  createdAt: string;
}

/** A message delivered to some people of a corp (a large send is published in several of these). */
export interface DeliveredEvent {
  corpId: string;
  recipients: string[];
  message: LiveMessage;
}

/** Recipients per published event: keeps one Redis payload small whatever the size of the send. */
const RECIPIENTS_PER_EVENT = 1000;

/**
 * How a send reaches the live streams: through Redis pub/sub when REDIS_URL is set (so a stream held by one
 * replica hears sends made on any other), in this process otherwise.
 */
export interface MessageBus {
  publish(event: DeliveredEvent): Promise<void>;
  subscribe(listener: (event: DeliveredEvent) => void): () => void;
  close(): Promise<void>;
}

function* split(event: DeliveredEvent): Generator<DeliveredEvent> {
  for (let i = 0; i < event.recipients.length; i += RECIPIENTS_PER_EVENT) yield { ...event, recipients: event.recipients.slice(i, i + RECIPIENTS_PER_EVENT) };
}

export class InProcessBus implements MessageBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: DeliveredEvent): Promise<void> {
    for (const part of split(event)) this.emitter.emit('delivered', part);
    return Promise.resolve();
  }

  subscribe(listener: (event: DeliveredEvent) => void): () => void {
    this.emitter.on('delivered', listener);
    return () => this.emitter.off('delivered', listener);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

export class RedisBus implements MessageBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly subscribed: Promise<void>;

  constructor(url: string, prefix: string, private readonly logger: Logger) {
    this.channel = `${prefix}messages:delivered`;
    // a subscribed connection takes no other commands: one to publish, one to listen
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url);
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', (error: Error) => this.logger.warn({ err: error }, 'redis error (live messages)'));
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== this.channel) return;
      try {
        this.emitter.emit('delivered', JSON.parse(payload) as DeliveredEvent);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable live message event');
      }
    });
    // ioredis subscribes again by itself after a reconnect
    this.subscribed = this.subscriber.subscribe(this.channel).then(() => undefined);
  }

  /** The publishing connection, shared with the rate limiter. */
  get client(): Redis {
    return this.publisher;
  }

  /** Resolves once the subscription is in place (or after `withinMs`, then it comes up on its own). */
  async ready(withinMs = 3000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.subscribed.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    clearTimeout(timer);
  }

  async publish(event: DeliveredEvent): Promise<void> {
    for (const part of split(event)) await this.publisher.publish(this.channel, JSON.stringify(part));
  }

  subscribe(listener: (event: DeliveredEvent) => void): () => void {
    this.emitter.on('delivered', listener);
    return () => this.emitter.off('delivered', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await Promise.all([this.publisher, this.subscriber].map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}
