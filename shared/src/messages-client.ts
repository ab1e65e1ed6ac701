import { GatewayClient } from './gateway-client';
import type { Logger } from './logger';

/** Who a module messages (see the messages subgraph's `MessageRecipientsInput`). */
export interface MessageRecipients {
  everyone?: boolean;
  unionIds?: string[];
  departments?: { id: string; includeSubdepartments?: boolean }[];
  tags?: string[];
  excludeUnionIds?: string[];
  /** Skip people who are not active employees instead of refusing the whole send. */
  ignoreUnknownRecipients?: boolean;
}

export interface OutgoingMessage {
  to: MessageRecipients;
  title: string;
  body: string;
  format?: 'PLAIN' | 'MARKDOWN';
  /** Into the module, e.g. `/expenses/claims/<id>`. */
  link?: string;
  priority?: 'NORMAL' | 'HIGH' | 'URGENT';
  /** The same key twice sends once: a retried mutation does not message twice. */
  idempotencyKey?: string;
}

export interface MessagesClientOptions {
  /** The module's app id (installed per corp), e.g. `expenses`; also the service name of its token. */
  app: string;
  gatewayUrl: () => string;
  internalSecret: string;
  logger: Logger;
  /** How long a mutation waits for its message to be sent; a slower send goes on in the background. */
  waitMs?: number;
}

const SEND = /* GraphQL */ `mutation ModuleSendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id recipientCount } }`;

/**
 * How a hub module messages employees: `sendMessage` through the gateway with the module's service token
 * (naming its app, which must be installed in the corp), like any vendor app. Sending never fails the
 * module's own mutation: a failure is logged (with the request id) and the mutation goes on.
 */
export class MessagesClient {
  private readonly client: GatewayClient;

  constructor(private readonly options: MessagesClientOptions) {
    this.client = new GatewayClient({ service: options.app, appId: options.app, gatewayUrl: options.gatewayUrl, internalSecret: options.internalSecret });
  }

  /** Sends; resolves to the message id, or null when there was nobody to send to or the send failed (logged). */
  async send(corpId: string, message: OutgoingMessage, requestId?: string): Promise<string | null> {
    const hasRecipients = message.to.everyone || message.to.unionIds?.length || message.to.departments?.length || message.to.tags?.length;
    if (!hasRecipients) return null;
    const attempt = this.client
      .request<{ sendMessage: { id: string } }>(corpId, SEND, { input: message }, requestId)
      .then(({ sendMessage }) => sendMessage.id)
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error, requestId, corpId, app: this.options.app, title: message.title }, 'module message not sent');
        return null;
      });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.waitMs ?? 5000);
    });
    try {
      return await Promise.race([attempt, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
