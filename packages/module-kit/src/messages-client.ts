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
  private readonly client: GatewayClient;

  constructor(options: MessagesClientOptions) {
    this.client = new GatewayClient({ service: options.app, appId: options.app, gatewayUrl: options.gatewayUrl, internalSecret: options.internalSecret });
  }

  /** Sends once; throws the gateway's error (with its code) when the send failed. */
  async deliver(corpId: string, message: OutgoingMessage, requestId?: string): Promise<string> {
    const { sendMessage } = await this.client.request<{ sendMessage: { id: string } }>(corpId, SEND, { input: message }, requestId);
    return sendMessage.id;
  }
}
