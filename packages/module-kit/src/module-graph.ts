import type { CreateServerOptions } from './definition';
import { errorCodeOf } from './errors';
import { GatewayClient } from './gateway-client';
import { readEnv } from './env';

/** A page of a connection as modules read it: nodes and where the next page starts. */
interface NodesPage<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What a module learns about a media id it was handed. */
export interface MediaFacts {
  id: string;
  kind: string;
  durationSeconds: number | null;
}

/**
 * The gateway's GraphQL endpoint for a subgraph server's calls through the graph: the hub's gateway when it
 * runs one, else CORPHUB_GATEWAY_URL (a subgraph started on its own).
 */
export function gatewayUrlOf(options: Pick<CreateServerOptions, 'gatewayUrl'>): () => string {
  if (options.gatewayUrl) return options.gatewayUrl;
  const fallback = readEnv(['CORPHUB_GATEWAY_URL']).CORPHUB_GATEWAY_URL;
  return () => fallback;
}

/** Aliased fields per call through the gateway (its default alias limit is 30). */
export const ALIAS_CHUNK = 25;

/** How many people a module reads per request when it walks a list of employees (`employees`, `employeesByUnionIds`). */
export const MEMBERS_PAGE_SIZE = 500;

/** How many members a module reads per request of a department's `memberRecords` (flat records: a larger page than people's). */
export const MEMBER_RECORDS_PAGE_SIZE = 2000;

/** A member of a department as modules read one in bulk: the directory's `MemberRecord`. */
export interface DepartmentMember {
  unionId: string;
  displayName: string;
  /** First working day. */
  joinedAt: string;
  /** Last working day, once they left. */
  leftAt: string | null;
  /** Their departments, the primary one first, without ancestors (see `departmentChains`). */
  departmentIds: string[];
  tagNames: string[];
}

const DEPARTMENT_MEMBER_FIELDS = 'unionId displayName joinedAt leftAt departmentIds tagNames';

/**
 * The core data every module reads but does not own — the directory's people and departments, media's
 * kinds — read through the gateway with the module's own service token, never from the other subgraphs'
 * tables. Each module extends it with the questions of its own domain.
 */
export class ModuleGraph {
  constructor(protected readonly client: GatewayClient) {}

  /** A client for the module `service` of a subgraph server (see gatewayUrlOf). */
  static clientFor(service: string, options: Pick<CreateServerOptions, 'gatewayUrl'>, internalSecret: string): GatewayClient {
    return new GatewayClient({ service, gatewayUrl: gatewayUrlOf(options), internalSecret });
  }

  /**
   * The department's name and its active members (and those below it), every page of the directory's
   * `memberRecords` (flat records, MEMBER_RECORDS_PAGE_SIZE a page); with `leftSince`, also who left on or
   * after that day (a past month's report). Their departments come without ancestors: `departmentChains`.
   */
  async departmentMembers(
    corpId: string,
    departmentId: string,
    options: { includeSubdepartments?: boolean; requestId?: string; leftSince?: string } = {},
  ): Promise<{ name: string; members: DepartmentMember[] }> {
    const { includeSubdepartments = true, requestId, leftSince = null } = options;
    const members: DepartmentMember[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { department: { name: string; memberRecords: NodesPage<DepartmentMember> } } = await this.client.request(
        corpId,
        /* GraphQL */ `query ModuleDepartmentMembers($id: ID!, $after: String, $sub: Boolean!, $leftSince: LocalDate) {
          department(id: $id) { name memberRecords(first: ${MEMBER_RECORDS_PAGE_SIZE}, after: $after, includeSubdepartments: $sub, leftSince: $leftSince) { nodes { ${DEPARTMENT_MEMBER_FIELDS} } pageInfo { hasNextPage endCursor } } }
        }`,
        { id: departmentId, after, sub: includeSubdepartments, leftSince },
        requestId,
      );
      const page = data.department.memberRecords;
      members.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { name: data.department.name, members };
      after = page.pageInfo.endCursor;
    }
  }

  /**
   * Every department of the corp with the ones above it: id → [id, parent, …, top], read once (the tree is
   * small) rather than per member, where a member's `departmentIds` say which chains are theirs.
   */
  async departmentChains(corpId: string, requestId?: string): Promise<Map<string, string[]>> {
    const data = await this.client.request<{ departments: { id: string; parent: { id: string } | null }[] }>(
      corpId,
      /* GraphQL */ `query ModuleDepartmentTree { departments { id parent { id } } }`,
      {},
      requestId,
    );
    const parentOf = new Map(data.departments.map((department) => [department.id, department.parent?.id ?? null]));
    const chains = new Map<string, string[]>();
    for (const id of parentOf.keys()) {
      const chain = [id];
      // the tree has no cycles (moveDepartment refuses them); the bound only guards a torn read
      for (let parent = parentOf.get(id); parent && chain.length <= parentOf.size; parent = parentOf.get(parent)) chain.push(parent);
      chains.set(id, chain);
    }
    return chains;
  }

  /**
   * The directory's `employeesByUnionIds`, MEMBERS_PAGE_SIZE people a call (one call for a page of people, so
   * the directory's statements do not grow with the page); who is no employee of the corp answers null.
   */
  async employees<Node>(corpId: string, unionIds: readonly string[], fields: string, requestId?: string): Promise<(Node | null)[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < unionIds.length; i += MEMBERS_PAGE_SIZE) chunks.push(unionIds.slice(i, i + MEMBERS_PAGE_SIZE));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.client.request<{ employeesByUnionIds: (Node | null)[] }>(
          corpId,
          /* GraphQL */ `query ModuleEmployees($unionIds: [ID!]!) { employeesByUnionIds(unionIds: $unionIds) { ${fields} } }`,
          { unionIds: chunk },
          requestId,
        ),
      ),
    );
    return answers.flatMap((answer) => answer.employeesByUnionIds);
  }

  /** Each person's management chain (UnionIDs, nearest first), in one request; empty for who is unknown. */
  async managerChains(corpId: string, unionIds: readonly string[], requestId?: string): Promise<string[][]> {
    const nodes = await this.employees<{ managers: { unionId: string }[] }>(corpId, unionIds, 'managers { unionId }', requestId);
    return nodes.map((node) => node?.managers.map((manager) => manager.unionId) ?? []);
  }

  /** Kind and duration of each media id, in one request; an id the corp does not have answers null. */
  media(corpId: string, ids: readonly string[], requestId?: string): Promise<(MediaFacts | null)[]> {
    return this.lookUp<MediaFacts>(corpId, 'media', 'id', ids, 'id kind durationSeconds', requestId);
  }

  /**
   * Aliased lookups `k0: field(arg: $k0) { … }`, ALIAS_CHUNK a request, the requests side by side. The field is non-null, so one unknown key
   * fails the whole answer (NOT_FOUND): then each key is asked alone and the unknown ones answer null.
   */
  private async lookUp<Node>(corpId: string, field: string, arg: string, keys: readonly string[], fields: string, requestId?: string): Promise<(Node | null)[]> {
    if (!keys.length) return [];
    if (keys.length > ALIAS_CHUNK) {
      const chunks: string[][] = [];
      for (let i = 0; i < keys.length; i += ALIAS_CHUNK) chunks.push(keys.slice(i, i + ALIAS_CHUNK));
      return (await Promise.all(chunks.map((chunk) => this.lookUp<Node>(corpId, field, arg, chunk, fields, requestId)))).flat();
    }
    const variables = Object.fromEntries(keys.map((key, i) => [`k${i}`, key]));
    const params = keys.map((_, i) => `$k${i}: ID!`).join(', ');
    const selections = keys.map((_, i) => `k${i}: ${field}(${arg}: $k${i}) { ${fields} }`).join('\n');
    try {
      const data = await this.client.request<Record<string, Node>>(corpId, `query ModuleLookUp(${params}) {\n${selections}\n}`, variables, requestId);
      return keys.map((_, i) => data[`k${i}`] ?? null);
    } catch (error) {
      if (errorCodeOf(error) !== 'NOT_FOUND') throw error;
      if (keys.length === 1) return [null];
      return (await Promise.all(keys.map((key) => this.lookUp<Node>(corpId, field, arg, [key], fields, requestId)))).flat();
    }
  }
}
