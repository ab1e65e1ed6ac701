import type { CreateServerOptions } from '@corphub/module-kit';
import { SchemaRegistry } from './registry/registry.service';

/** Identity's per-process services: built once at start, the same for every request. */
export interface IdentityServices {
  /** The module registry: checks and publishes modules' subgraphs and writes the supergraph gateways load. */
  registry: SchemaRegistry;
}

export function createServices(options: CreateServerOptions): IdentityServices {
  const registry = new SchemaRegistry(options.coreGraph, async (supergraph) => options.onSupergraphPublished?.(supergraph.revision), options.logger);
  return { registry };
}
