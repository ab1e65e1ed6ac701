import fs from 'node:fs';
import { ConfigError } from '@corphub/module-kit/core';
import type { HubService, SubgraphManifest } from '@corphub/module-kit';

const SERVICES: readonly HubService[] = ['registry', 'access', 'login', 'people-scope'];
const NAME = /^[a-z][a-z0-9_-]{0,63}$/;
const ROUTE = /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/**
 * What the gateway knows of the subgraphs besides their SDL, from each subgraph's own definition: which are
 * core, which HTTP routes each serves at the gateway's host, and which provides each hub service. The gateway
 * names no subgraph itself, so adding one needs no gateway change.
 */
export class HubManifest {
  private readonly byName = new Map<string, SubgraphManifest>();

  constructor(entries: readonly SubgraphManifest[]) {
    for (const entry of entries) {
      if (!NAME.test(entry.name)) throw new ConfigError(`Hub manifest: "${entry.name}" is not a subgraph name`);
      if (this.byName.has(entry.name)) throw new ConfigError(`Hub manifest: subgraph "${entry.name}" is listed twice`);
      for (const route of entry.routes ?? []) {
        if (!ROUTE.test(route) || route === '/graphql') throw new ConfigError(`Hub manifest: subgraph "${entry.name}" has route "${route}", not a path prefix such as /files`);
        const owner = this.routes().find((taken) => taken.route === route);
        if (owner) throw new ConfigError(`Hub manifest: route ${route} is claimed by "${owner.subgraph}" and "${entry.name}"`);
      }
      for (const service of entry.provides ?? []) {
        if (!SERVICES.includes(service)) throw new ConfigError(`Hub manifest: subgraph "${entry.name}" provides unknown service "${service}"`);
        const provider = this.provider(service);
        if (provider) throw new ConfigError(`Hub manifest: service "${service}" is provided by "${provider}" and "${entry.name}"`);
      }
      this.byName.set(entry.name, entry);
    }
  }

  /** Reads the JSON file `corphub compose` writes beside the supergraph (a list of entries). */
  static read(file: string): HubManifest {
    let entries: unknown;
    try {
      entries = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Hub manifest ${file} could not be read: ${(error as Error).message}`);
    }
    if (!Array.isArray(entries)) throw new ConfigError(`Hub manifest ${file} must be a JSON list of subgraphs`);
    return new HubManifest(entries as SubgraphManifest[]);
  }

  /** Every corp has it: no installed-modules lookup for its requests. A subgraph the manifest does not list is a module. */
  isCore(subgraph: string): boolean {
    return this.byName.get(subgraph)?.core === true;
  }

  /** The subgraph that provides a hub service, if this hub has one. */
  provider(service: HubService): string | undefined {
    for (const entry of this.byName.values()) if (entry.provides?.includes(service)) return entry.name;
    return undefined;
  }

  /** Every subgraph's own HTTP routes, as path prefixes. */
  routes(): { route: string; subgraph: string }[] {
    return [...this.byName.values()].flatMap((entry) => (entry.routes ?? []).map((route) => ({ route, subgraph: entry.name })));
  }
}
