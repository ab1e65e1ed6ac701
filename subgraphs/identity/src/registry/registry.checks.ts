import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { SubgraphSdl } from '@corphub/module-kit';

export enum ChangeLevel {
  BREAKING = 'BREAKING',
  DANGEROUS = 'DANGEROUS',
  SAFE = 'SAFE',
}

/** One difference between the graph clients see before and after a subgraph change. */
export interface SchemaChange {
  level: ChangeLevel;
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** Schema coordinate, e.g. `Objective.title`. */
  path: string;
  message: string;
}

export interface SubgraphCheckReport {
  name: string;
  /** Empty when the candidate composes with the current subgraphs. */
  compositionErrors: string[];
  /** Changes to the API schema clients see, against the current supergraph. */
  changes: SchemaChange[];
  /** The supergraph the candidate would make (absent on composition errors). */
  supergraphSdl?: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const breakingChanges = (report: SubgraphCheckReport): SchemaChange[] => report.changes.filter((change) => change.level === ChangeLevel.BREAKING);

export type Composed = { supergraphSdl: string; errors?: undefined } | { supergraphSdl?: undefined; errors: string[] };

/** @apollo/composition over SDL strings; a syntax error in one subgraph is a composition error naming it. */
export function composeSubgraphs(subgraphs: SubgraphSdl[]): Composed {
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const subgraph of subgraphs) {
    try {
      services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) });
    } catch (error) {
      return { errors: [`[${subgraph.name}] ${error instanceof GraphQLError ? error.message : String(error)}`] };
    }
  }
  const result = composeServices(services);
  if (result.errors) return { errors: result.errors.map((error) => error.message) };
  return { supergraphSdl: result.supergraphSdl };
}

/** The schema clients see (no join directives, no @inaccessible parts); throws when the supergraph is invalid. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * The subgraphs a supergraph was composed from (name, routing URL, SDL), for a process that has only the
 * supergraph file (a standalone identity). Descriptions are not kept: good for checks, not for serving.
 */
export function subgraphsOfSupergraph(supergraphSdl: string): SubgraphSdl[] {
  return Supergraph.build(supergraphSdl)
    .subgraphs()
    .values()
    .map((subgraph) => ({ name: subgraph.name, url: subgraph.url, sdl: subgraph.toString() }));
}

const LEVELS: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: ChangeLevel.BREAKING,
  [CriticalityLevel.Dangerous]: ChangeLevel.DANGEROUS,
  [CriticalityLevel.NonBreaking]: ChangeLevel.SAFE,
};

/** What changes for clients between two supergraphs (graphql-inspector over their API schemas). */
export async function apiChanges(beforeSupergraphSdl: string, afterSupergraphSdl: string): Promise<SchemaChange[]> {
  const changes = await diff(apiSchemaOf(beforeSupergraphSdl), apiSchemaOf(afterSupergraphSdl));
  const order = [ChangeLevel.BREAKING, ChangeLevel.DANGEROUS, ChangeLevel.SAFE];
  return changes
    .map((change): SchemaChange => ({ level: LEVELS[change.criticality.level], type: String(change.type), path: change.path ?? '', message: change.message }))
    .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.path.localeCompare(b.path));
}

export interface CheckSubgraphInput {
  /** The core subgraphs (identity, directory, ...): always part of the graph. */
  core: SubgraphSdl[];
  /** The modules' current subgraphs (the candidate's own previous version among them, if any). */
  modules: SubgraphSdl[];
  candidate: SubgraphSdl;
  /** The supergraph of core + modules as served now, when known (saves composing it again). */
  currentSupergraphSdl?: string;
}

/**
 * Composes the candidate with the current subgraphs in place of its previous version and diffs what
 * clients would see against the current supergraph.
 */
export async function checkSubgraph({ core, modules, candidate, currentSupergraphSdl }: CheckSubgraphInput): Promise<SubgraphCheckReport> {
  const others = modules.filter((module) => module.name !== candidate.name);
  const composed = composeSubgraphs([...core, ...others, candidate]);
  if (composed.errors) return { name: candidate.name, compositionErrors: composed.errors, changes: [] };
  const current = currentSupergraphSdl ? { supergraphSdl: currentSupergraphSdl } : composeSubgraphs([...core, ...modules]);
  // the current graph composes (it was checked when published); if it no longer does, nothing to diff against
  const changes = current.supergraphSdl ? await apiChanges(current.supergraphSdl, composed.supergraphSdl) : [];
  return { name: candidate.name, compositionErrors: [], changes, supergraphSdl: composed.supergraphSdl };
}

/** A fixed-width text table: what the CLI prints and what the mutation answers as `table`. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The check's outcome as people read it: a verdict line, then composition errors or the changes, one per row. */
export function formatCheckReport(report: SubgraphCheckReport): string {
  const breaking = breakingChanges(report).length;
  if (report.compositionErrors.length) {
    return [
      `✗ ${report.name}: does not compose (${report.compositionErrors.length} error${report.compositionErrors.length === 1 ? '' : 's'})`,
      formatTable(['#', 'composition error'], report.compositionErrors.map((message, index) => [String(index + 1), message.replace(/\s+/g, ' ')])),
    ].join('\n');
  }
  const verdict = breaking
    ? `✗ ${report.name}: ${breaking} breaking change${breaking === 1 ? '' : 's'}`
    : `✓ ${report.name}: composes, no breaking changes`;
  if (!report.changes.length) return `${verdict} (no changes to the graph)`;
  return [verdict, formatTable(['level', 'change', 'path', 'description'], report.changes.map((change) => [change.level, change.type, change.path, change.message]))].join('\n');
}
