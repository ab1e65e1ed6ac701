import { hubSecret, ModuleGraph, readSecurityConfig, type CreateServerOptions, type GatewayClient } from '@corphub/module-kit';
import { SchemaRegistry } from './registry/registry.service';

/** Identity's per-process services: built once at start, the same for every request. */
export interface IdentityServices {
  /** The module registry: checks and publishes modules' subgraphs and writes the supergraph gateways load. */
  registry: SchemaRegistry;
  /** The graph through the gateway, as a hub service (`service:identity`): departments for admin roles. */
  graph: GatewayClient;
}

export function createServices(options: CreateServerOptions): IdentityServices {
  const registry = new SchemaRegistry(options.coreGraph, async (supergraph) => options.onSupergraphPublished?.(supergraph.revision), options.logger);
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  return { registry, graph: ModuleGraph.clientFor('identity', options, hubSecret(security)) };
}
