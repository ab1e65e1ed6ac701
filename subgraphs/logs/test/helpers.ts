import type { TestHub } from '@corphub/tooling/testing';

export const CREATE = `mutation($input: CreateWorkLogInput!) { createWorkLog(input: $input) { id kind date week text visibility } }`;

/** Creates a log through the graph; throws on errors. */
export async function createLog(hub: TestHub, token: string, input: Record<string, unknown>): Promise<string> {
  const response = await hub.request(CREATE, { token, variables: { input: { kind: 'NOTE', text: 'note', ...input } } });
  if (response.errors) throw new Error(`createWorkLog: ${JSON.stringify(response.errors)}`);
  return response.data!.createWorkLog.id as string;
}

/** The ids of the caller's feed (first 100). */
export async function feedIds(hub: TestHub, token: string, args = ''): Promise<string[]> {
  const response = await hub.request(`{ workLogFeed(first: 100${args}) { nodes { id } } }`, { token });
  if (response.errors) throw new Error(`workLogFeed: ${JSON.stringify(response.errors)}`);
  return response.data!.workLogFeed.nodes.map((node: { id: string }) => node.id);
}
