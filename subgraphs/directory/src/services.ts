import { hubSecret, ModuleGraph, type CreateServerOptions, type GatewayClient, type SecurityConfig } from '@corphub/module-kit';

/** The directory's per-process services, built once at start. */
export interface DirectoryServices {
  /** The directory's own client of the graph (a service token per corp): its outbox relay hands events to identity through it. */
  gateway: GatewayClient;
}

export function createServices(options: CreateServerOptions & { security: SecurityConfig }): DirectoryServices {
  return { gateway: ModuleGraph.clientFor('directory', options, hubSecret(options.security)) };
}
