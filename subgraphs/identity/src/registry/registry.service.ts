import fs from 'node:fs';
import path from 'node:path';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { errors, isAppToken, readEnv, Role, type AuthContext, type CoreGraph, type Logger, type SubgraphSdl } from '@corphub/module-kit';
import { apiChanges, breakingChanges, checkSubgraph, composeSubgraphs, formatCheckReport, formatTable, sha256, subgraphsOfSupergraph, type SchemaChange, type SubgraphCheckReport } from './registry.checks';
import { App } from '../apps/app.entity';
import { ModuleSubgraph } from './module-subgraph.entity';
import { SubgraphVersion } from './subgraph-version.entity';
import { PublishedSupergraph } from './published-supergraph.entity';
import type { CheckSubgraphInput, PublishSubgraphInput } from './registry.inputs';

/** A check needs a URL to compose with; it never calls it. */
const PLACEHOLDER_URL = 'http://unpublished.invalid/graphql';

/** Where a standalone identity finds the core graph: the supergraph the gateways load (CORPHUB_SUPERGRAPH_FILE, else the checkout's). */
function coreGraphFromFile(): CoreGraph {
  const file = readEnv(['CORPHUB_SUPERGRAPH_FILE']).CORPHUB_SUPERGRAPH_FILE ?? path.resolve(__dirname, '..', '..', '..', '..', 'tooling', 'supergraph.graphql');
  const supergraphSdl = fs.readFileSync(file, 'utf8');
  return { supergraphSdl, subgraphs: subgraphsOfSupergraph(supergraphSdl) };
}

export interface PublishOutcome {
  report: SubgraphCheckReport;
  subgraph: ModuleSubgraph;
  version: SubgraphVersion;
  supergraph: PublishedSupergraph | null;
}

export interface RetireOutcome {
  subgraph: ModuleSubgraph;
  /** The supergraph written without the module; null when it was already retired (nothing changed). */
  supergraph: PublishedSupergraph | null;
  /** What clients lose: the module's fields and types, against the supergraph served before. */
  changes: SchemaChange[];
  table: string;
}

/** How many times a retire recomposes when another publish or retire wrote a supergraph meanwhile. */
const RETIRE_ATTEMPTS = 3;

/** Another publish or retire committed a supergraph between this retire's composition and its commit. */
class LostRace extends Error {}

/** The retire's outcome as people read it: a verdict line, then what clients lose, one change per row. */
export function formatRetireReport(name: string, changes: SchemaChange[], retiredAt: Date, changed: boolean): string {
  if (!changed) return `✓ ${name}: already retired at ${retiredAt.toISOString()} (nothing changed)`;
  const verdict = `✓ ${name}: retired, gateways no longer serve it`;
  if (!changes.length) return `${verdict} (no changes to the graph)`;
  return [verdict, formatTable(['level', 'change', 'path', 'description'], changes.map((change) => [change.level, change.type, change.path, change.message]))].join('\n');
}

/**
 * The module registry: checks candidate subgraphs against the core subgraphs plus every module's current
 * version, and on an accepted publish stores the version and writes the next supergraph for gateways.
 */
export class SchemaRegistry {
  private core?: Promise<CoreGraph & { baseSha: string }>;

  constructor(
    private readonly loadCore: () => Promise<CoreGraph> = () => new Promise((resolve) => resolve(coreGraphFromFile())),
    /** Called after a supergraph is committed (e.g. a Redis notice so gateways poll at once). */
    private readonly onPublished: (supergraph: PublishedSupergraph) => Promise<void> = async () => {},
    private readonly logger?: Logger,
  ) {}

  coreGraph(): Promise<CoreGraph & { baseSha: string }> {
    this.core ??= this.loadCore().then((core) => ({ ...core, baseSha: sha256(core.supergraphSdl) }));
    return this.core;
  }

  /** Every live (not retired) module's current version, by name order (the order composition sees them in). */
  async currentModules(em: EntityManager): Promise<SubgraphSdl[]> {
    const subgraphs = await em.find(ModuleSubgraph, { currentVersion: { $gt: 0 }, retiredAt: null }, { orderBy: { name: 'asc' } });
    if (!subgraphs.length) return [];
    const versions = await em.find(SubgraphVersion, { $or: subgraphs.map((subgraph) => ({ subgraph: subgraph.id, version: subgraph.currentVersion })) });
    const sdlById = new Map(versions.map((version) => [version.subgraph.id, version.sdl]));
    return subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, sdl: sdlById.get(subgraph.id) ?? '' }));
  }

  /** The app a caller checks or publishes for, and the subgraph of that name if it exists; refuses others' names. */
  private async owner(em: EntityManager, auth: AuthContext, name: string, appId: string | undefined) {
    const core = await this.coreGraph();
    if (core.subgraphs.some((subgraph) => subgraph.name === name)) throw errors.BAD_USER_INPUT(`"${name}" is a core subgraph of the hub; pick another name`);
    if (auth.role === Role.VENDOR && !isAppToken(auth)) throw errors.FORBIDDEN("A person's sign-in token cannot check or publish the app's subgraph: use the app's client-credentials token");
    if (auth.role === Role.VENDOR && appId && appId !== auth.appId) throw errors.FORBIDDEN('A vendor publishes only for its own app');
    const existing = await em.findOne(ModuleSubgraph, { name });
    const ownerAppId = auth.role === Role.VENDOR ? auth.appId : (appId ?? existing?.app.appId);
    if (!ownerAppId) throw errors.BAD_USER_INPUT('appId is required: the app that owns the subgraph');
    if (existing && existing.app.appId !== ownerAppId) throw errors.FORBIDDEN(`Subgraph "${name}" belongs to another app`);
    const app = await em.findOne(App, { appId: ownerAppId });
    if (!app) throw errors.NOT_FOUND(`App "${ownerAppId}" not found`);
    if (!existing) {
      const other = await em.findOne(ModuleSubgraph, { app: ownerAppId });
      if (other) throw errors.CONFLICT(`App "${ownerAppId}" already publishes subgraph "${other.name}"`, { subgraph: other.name });
    }
    return { app, existing };
  }

  async check(em: EntityManager, auth: AuthContext, input: CheckSubgraphInput): Promise<SubgraphCheckReport> {
    const { existing } = await this.owner(em, auth, input.name, input.appId);
    const url = input.url ?? existing?.url ?? PLACEHOLDER_URL;
    const core = await this.coreGraph();
    return checkSubgraph({
      core: core.subgraphs,
      modules: await this.currentModules(em),
      candidate: { name: input.name, url, sdl: input.sdl },
      currentSupergraphSdl: this.servedSupergraph(core, await this.latestSupergraph(em)),
    });
  }

  /** What gateways serve now, when the registry knows it without composing: its latest supergraph over this core, or the core alone. */
  private servedSupergraph(core: CoreGraph & { baseSha: string }, latest: PublishedSupergraph | null): string | undefined {
    if (!latest) return core.supergraphSdl;
    return latest.baseSha === core.baseSha ? latest.sdl : undefined;
  }

  async publish(em: EntityManager, auth: AuthContext, input: PublishSubgraphInput): Promise<PublishOutcome> {
    if (input.force && auth.role !== Role.PLATFORM) throw errors.FORBIDDEN('Only a platform admin may force a publish with breaking changes');
    const { app, existing } = await this.owner(em, auth, input.name, input.appId);
    const sha = sha256(input.sdl);
    // republishing the current version (same SDL and URL) changes nothing: safe to retry; a retired one is revived
    if (existing && !existing.retiredAt) {
      const current = await em.findOne(SubgraphVersion, { subgraph: existing.id, version: existing.currentVersion });
      if (current && current.sha === sha && existing.url === input.url) {
        const report = { name: input.name, compositionErrors: [], changes: [] };
        return { report, subgraph: existing, version: current, supergraph: await this.latestSupergraph(em) };
      }
    }
    // composition takes a while: check outside the transaction, then commit only if nothing was published meanwhile
    const before = await this.latestSupergraph(em);
    const core = await this.coreGraph();
    const report = await checkSubgraph({
      core: core.subgraphs,
      modules: await this.currentModules(em),
      candidate: { name: input.name, url: input.url, sdl: input.sdl },
      currentSupergraphSdl: this.servedSupergraph(core, before),
    });
    const breaking = breakingChanges(report);
    const refusal = { compositionErrors: report.compositionErrors, breakingChanges: breaking, table: formatCheckReport(report) };
    if (report.compositionErrors.length) {
      throw errors.SCHEMA_CHECK_FAILED(`Subgraph "${input.name}" does not compose: ${report.compositionErrors.join('; ')}`, refusal);
    }
    if (breaking.length && !input.force) {
      throw errors.SCHEMA_CHECK_FAILED(
        `Subgraph "${input.name}" has ${breaking.length} breaking change(s): ${breaking.map((change) => change.message).join('; ')}`,
        refusal,
      );
    }
    const outcome = await em.transactional(async (tx) => {
      const latest = await this.latestSupergraph(tx);
      if ((latest?.revision ?? 0) !== (before?.revision ?? 0)) {
        throw errors.CONFLICT('Another subgraph was published while this one was checked; publish again');
      }
      let subgraph = existing ? await tx.findOneOrFail(ModuleSubgraph, { id: existing.id }) : undefined;
      if (!subgraph) {
        subgraph = new ModuleSubgraph(input.name, tx.getReference(App, app.appId, { wrapped: true }), input.url);
        tx.persist(subgraph);
        // the app is now this module: its fields answer only for corps that installed it (entitlement)
        const owner = await tx.findOneOrFail(App, { appId: app.appId });
        owner.subgraph ??= input.name;
      }
      const revived = Boolean(subgraph.retiredAt);
      subgraph.currentVersion += 1;
      subgraph.url = input.url;
      subgraph.retiredAt = null;
      subgraph.updatedAt = new Date();
      const version = new SubgraphVersion({
        subgraph: tx.getReference(ModuleSubgraph, subgraph.id, { wrapped: true }),
        version: subgraph.currentVersion,
        sdl: input.sdl,
        sha,
        url: input.url,
        publishedBy: auth.subject,
        forced: Boolean(input.force && breaking.length),
        changes: report.changes,
      });
      const supergraphSdl = report.supergraphSdl!;
      const supergraph = new PublishedSupergraph(
        (latest?.revision ?? 0) + 1,
        supergraphSdl,
        sha256(supergraphSdl),
        core.baseSha,
        `${input.name} v${version.version} published by ${auth.subject}${version.forced ? ' (forced)' : ''}${revived ? ' (revived)' : ''}`,
      );
      tx.persist([version, supergraph]);
      return { report, subgraph, version, supergraph };
    });
    // gateways load it in the background: the publish answers as soon as the supergraph is stored
    this.announce(outcome.supergraph);
    return outcome;
  }

  /** The module a caller may retire: platform admins any, a vendor app only its own (same rule as publish). */
  private async retirable(em: EntityManager, auth: AuthContext, name: string): Promise<ModuleSubgraph> {
    const core = await this.coreGraph();
    if (core.subgraphs.some((subgraph) => subgraph.name === name)) throw errors.BAD_USER_INPUT(`"${name}" is a core subgraph of the hub; only modules can be retired`);
    if (auth.role === Role.VENDOR && !isAppToken(auth)) throw errors.FORBIDDEN("A person's sign-in token cannot retire the app's subgraph: use the app's client-credentials token");
    const subgraph = await em.findOne(ModuleSubgraph, { name });
    if (!subgraph) throw errors.NOT_FOUND(`Subgraph "${name}" not found`);
    if (auth.role === Role.VENDOR && subgraph.app.appId !== auth.appId) throw errors.FORBIDDEN(`Subgraph "${name}" belongs to another app`);
    return subgraph;
  }

  /**
   * Takes a module out of the graph: writes the next supergraph composed from the core and the other live
   * modules, and marks the module retired, in one transaction. Retiring a retired module changes nothing
   * and answers its state again, so a retry is safe. The name stays its app's: a publish revives it.
   */
  async retire(em: EntityManager, auth: AuthContext, name: string): Promise<RetireOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.retireOnce(em, auth, name);
      } catch (error) {
        // a publish or retire committed meanwhile: compose again over what it wrote
        if (!(error instanceof LostRace || error instanceof UniqueConstraintViolationException)) throw error;
        if (attempt >= RETIRE_ATTEMPTS) throw errors.CONFLICT(`Other subgraphs kept being published while "${name}" was retired; retire again`);
        em.clear();
      }
    }
  }

  private async retireOnce(em: EntityManager, auth: AuthContext, name: string): Promise<RetireOutcome> {
    const subgraph = await this.retirable(em, auth, name);
    if (subgraph.retiredAt) return { subgraph, supergraph: null, changes: [], table: formatRetireReport(name, [], subgraph.retiredAt, false) };
    // composition takes a while: compose outside the transaction, then commit only if nothing was published meanwhile
    const before = await this.latestSupergraph(em);
    const core = await this.coreGraph();
    const modules = await this.currentModules(em);
    const composed = composeSubgraphs([...core.subgraphs, ...modules.filter((module) => module.name !== name)]);
    if (composed.errors) {
      // e.g. another module @requires one of its fields
      throw errors.SCHEMA_CHECK_FAILED(`Without "${name}" the other modules do not compose: ${composed.errors.join('; ')}`, {
        compositionErrors: composed.errors,
        breakingChanges: [],
        table: formatCheckReport({ name, compositionErrors: composed.errors, changes: [] }),
      });
    }
    const served = this.servedSupergraph(core, before) ?? composeSubgraphs([...core.subgraphs, ...modules]).supergraphSdl;
    const changes = served ? await apiChanges(served, composed.supergraphSdl) : [];
    const outcome = await em.transactional(async (tx) => {
      const latest = await this.latestSupergraph(tx);
      const row = await tx.findOneOrFail(ModuleSubgraph, { id: subgraph.id }, { refresh: true });
      // a retire always writes a revision, so a concurrent one shows here too; the retry then answers its state
      if ((latest?.revision ?? 0) !== (before?.revision ?? 0) || row.retiredAt) throw new LostRace();
      const now = new Date();
      row.retiredAt = now;
      row.updatedAt = now;
      const supergraph = new PublishedSupergraph(
        (latest?.revision ?? 0) + 1,
        composed.supergraphSdl,
        sha256(composed.supergraphSdl),
        core.baseSha,
        `${name} retired by ${auth.subject}`,
      );
      tx.persist(supergraph);
      return { subgraph: row, supergraph, changes, table: formatRetireReport(name, changes, row.retiredAt, true) };
    });
    // gateways load it in the background, as after a publish
    this.announce(outcome.supergraph);
    return outcome;
  }

  async latestSupergraph(em: EntityManager): Promise<PublishedSupergraph | null> {
    const [latest] = await em.find(PublishedSupergraph, {}, { orderBy: { revision: 'desc' }, limit: 1 });
    return latest ?? null;
  }

  /** Whether the latest supergraph was composed over another core graph than this process has. */
  async needsRebase(em: EntityManager): Promise<boolean> {
    const latest = await this.latestSupergraph(em);
    return Boolean(latest && latest.baseSha !== (await this.coreGraph()).baseSha);
  }

  /**
   * After the core graph changed (a new deploy), the latest supergraph was composed over the old core:
   * write one over the new core so gateways can load the modules again. Refused if it no longer composes.
   */
  async rebase(em: EntityManager): Promise<PublishedSupergraph | null> {
    const latest = await this.latestSupergraph(em);
    const core = await this.coreGraph();
    if (!latest || latest.baseSha === core.baseSha) return latest;
    const composed = composeSubgraphs([...core.subgraphs, ...(await this.currentModules(em))]);
    if (composed.errors) {
      this.logger?.error({ errors: composed.errors }, 'the modules no longer compose with the new core graph; gateways keep their supergraph');
      return latest;
    }
    const supergraph = new PublishedSupergraph(latest.revision + 1, composed.supergraphSdl, sha256(composed.supergraphSdl), core.baseSha, 'rebased over a new core graph');
    await em.persistAndFlush(supergraph);
    this.announce(supergraph);
    return supergraph;
  }

  private announce(supergraph: PublishedSupergraph): void {
    this.onPublished(supergraph).catch((error) => this.logger?.warn({ err: error }, 'could not announce the new supergraph'));
  }
}
