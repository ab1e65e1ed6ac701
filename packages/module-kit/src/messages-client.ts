import { GatewayClient } from './gateway-client';

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
  /**
   * A hub service sending for another installed app (approvals tells people of a module's request as that
   * module): the token names this app instead of the client's own. Hub subgraphs only (they hold the secret).
   */
  sendAs?: string;
}

export interface MessagesClientOptions {
  /** The module's app id (installed per corp), e.g. `expenses`; also the service name of its token. */
  app: string;
  gatewayUrl: () => string;
  internalSecret: string;
}

const SEND = /* GraphQL */ `mutation ModuleSendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id recipientCount } }`;

/**
 * How a hub module messages employees: `sendMessage` through the gateway with the module's service token
 * (naming its app, which must be installed in the corp), like any vendor app. Modules queue their messages
 * in a `MessageOutbox` (shared/src/message-outbox.ts), which sends them with this client and retries.
 */
export class MessagesClient {
  private readonly clients = new Map<string, GatewayClient>();

  constructor(private readonly options: MessagesClientOptions) {}

  private clientFor(appId: string): GatewayClient {
    let client = this.clients.get(appId);
    if (!client) {
      client = new GatewayClient({ service: this.options.app, appId, gatewayUrl: this.options.gatewayUrl, internalSecret: this.options.internalSecret });
      this.clients.set(appId, client);
    }
    return client;
  }

  /** Sends once; throws the gateway's error (with its code) when the send failed. */
  async deliver(corpId: string, { sendAs, ...message }: OutgoingMessage, requestId?: string): Promise<string> {
    const { sendMessage } = await this.clientFor(sendAs ?? this.options.app).request<{ sendMessage: { id: string } }>(corpId, SEND, { input: message }, requestId);
    return sendMessage.id;
  }
}
