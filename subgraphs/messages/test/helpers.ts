import { randomBytes } from 'node:crypto';
import { seedOrgChart, startTestHub, type OrgChart, type TestHub, type TestHubOptions } from '@corphub/tooling/testing';
import { SUBGRAPHS } from '@corphub/tooling';
import { Role } from '@corphub/module-kit';
import type { GraphQLResponse } from '@corphub/module-kit/testing';
import { messagesSubgraph, type MessagesConfig } from '@corphub/messages';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** A Redis key and channel prefix no other test (or run) shares. */
export const uniquePrefix = (label: string) => `corphub-test:${label}:${randomBytes(6).toString('hex')}:`;

/** The real hub, its messages subgraph with these settings (in-process bus unless `redisUrl`). */
export function startMessagesHub(label: string, config: MessagesConfig = {}, gateway?: TestHubOptions['gateway']): Promise<TestHub> {
  const subgraphs = SUBGRAPHS.map((definition) => (definition.name === 'messages' ? messagesSubgraph(config) : definition));
  return startTestHub({ label, subgraphs, gateway });
}

async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

export interface MessagesOrg extends OrgChart {
  /**
   * Vendor tokens: `acme` is installed in both corps; `stranger` is installed in corp-b only (`stranger` names
   * corp-a, where it is not installed, `strangerB` corp-b); `logsA` is the logs module's app in corp-a.
   */
  vendor: { acmeA: string; acmeB: string; stranger: string; strangerB: string; logsA: string };
}

/**
 * The test kit's org chart (corp-a: sales ⊃ north ⊃ north-east, eng; corp-b: eve in its own "sales") plus the
 * tag `on-call` (alice, dave) in corp-a, and two vendor apps.
 */
export async function seedMessagesOrg(hub: TestHub): Promise<MessagesOrg> {
  const org = await seedOrgChart(hub);
  const admin = org.tokens.admin;
  await must(hub.request(`mutation { createTag(input: { name: "on-call" }) { name } }`, { token: admin }), 'tag');
  for (const unionId of [org.ids.alice, org.ids.dave]) {
    await must(hub.request(`mutation($u: ID!) { assignTag(unionId: $u, tag: "on-call") { unionId } }`, { token: admin, variables: { u: unionId } }), 'assignTag');
  }
  const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
  for (const appId of ['acme', 'stranger']) {
    await must(hub.request(`mutation($id: ID!, $name: String!) { registerApp(input: { appId: $id, name: $name, vendor: "Acme Ltd" }) { app { appId } } }`, { token: platform, variables: { id: appId, name: appId } }), 'registerApp');
  }
  await must(hub.request(`mutation { installApp(appId: "acme") { status } }`, { token: admin }), 'install a');
  await must(hub.request(`mutation { installApp(appId: "acme") { status } }`, { token: org.b.adminToken }), 'install b');
  await must(hub.request(`mutation { installApp(appId: "stranger") { status } }`, { token: org.b.adminToken }), 'install stranger b');
  return {
    ...org,
    vendor: {
      acmeA: await hub.token({ corp: 'corp-a', role: Role.VENDOR, app: 'acme' }),
      acmeB: await hub.token({ corp: 'corp-b', role: Role.VENDOR, app: 'acme' }),
      stranger: await hub.token({ corp: 'corp-a', role: Role.VENDOR, app: 'stranger' }),
      strangerB: await hub.token({ corp: 'corp-b', role: Role.VENDOR, app: 'stranger' }),
      // seedCorp installed the module apps the hub runs, logs among them
      logsA: await hub.token({ corp: 'corp-a', role: Role.VENDOR, app: 'logs' }),
    },
  };
}

export const SEND = /* GraphQL */ `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id appId title recipientCount priority } }`;

export const sendInput = (to: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ to, title: 'Hello', body: 'Body', ...extra });

/** Sends through the graph; throws on errors; the message id. */
export async function send(hub: TestHub, token: string, to: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await must(hub.request(SEND, { token, variables: { input: sendInput(to, extra) } }), 'sendMessage');
  return data.sendMessage.id as string;
}

export const INBOX = /* GraphQL */ `query($first: Int!, $after: String, $unreadOnly: Boolean, $appId: ID) {
  inbox(first: $first, after: $after, unreadOnly: $unreadOnly, appId: $appId) {
    unreadCount totalCount
    pageInfo { hasNextPage endCursor }
    nodes { read pinned via readAt message { id title appId priority } }
  }
}`;

export async function inbox(hub: TestHub, token: string, variables: Record<string, unknown> = {}) {
  const data = await must(hub.request(INBOX, { token, variables: { first: 100, ...variables } }), 'inbox');
  return data.inbox as { unreadCount: number; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { read: boolean; pinned: boolean; via: string; message: { id: string; title: string; appId: string | null; priority: string } }[] };
}

/** Message ids in the caller's inbox, in inbox order. */
export async function inboxIds(hub: TestHub, token: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  return (await inbox(hub, token, variables)).nodes.map((node) => node.message.id);
}

export { must };
