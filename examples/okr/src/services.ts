import { AppGraphClient, ApprovalsClient, gatewayUrlOf, type CreateServerOptions } from '@corphub/module-kit';

/** The module's app: a vendor module's app id is its name. */
export const APP_ID = 'okr';

/** Per-process services, built once at start and handed to every request as `ctx.services`. */
export interface OkrServices {
  appId: string;
  /** The hub's graph as the okr app: OAuth client-credentials tokens with its app secret (CORPHUB_APP_SECRET). */
  graph: AppGraphClient;
  /** The hub's approvals service, asked as the okr app (publishing an objective). */
  approvals: ApprovalsClient;
}

export function createServices(options: CreateServerOptions): OkrServices {
  const graph = new AppGraphClient({ appId: APP_ID, appSecret: options.appSecret, gatewayUrl: gatewayUrlOf(options) });
  return { appId: APP_ID, graph, approvals: new ApprovalsClient(graph) };
}
