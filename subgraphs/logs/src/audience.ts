import { errorCodeOf, errors, GatewayClient, Role, type AuthContext } from '@corphub/shared';
import { WorkLogVisibility } from './work-log.entity';

/**
 * Who may read a log, as keys written beside it at write time and matched at read time with one indexed
 * `exists` (the viewer's keys are computed once per request from the directory, through the graph):
 *
 * - `*`            everyone in the corp (CORP)
 * - `u:<unionId>`  one person: the author always; the named readers (PEOPLE); the author's management
 *                  chain (TEAM, DEPARTMENT)
 * - `t:<deptId>`   members of exactly this department (TEAM: the author's departments)
 * - `d:<deptId>`   members of this department or of any department below it (DEPARTMENT: the author's
 *                  departments)
 *
 * A viewer holds `*`, `u:<self>`, `t:<each own department>` and `d:<each own department and each one
 * above it>`. The audience is fixed when the log is written (or edited): a later transfer does not widen
 * or narrow who reads old logs. Admins, analysts, the platform and services read every log of their corp.
 */
export const EVERYONE = '*';
export const personKey = (unionId: string) => `u:${unionId}`;
export const teamKey = (departmentId: string) => `t:${departmentId}`;
export const subtreeKey = (departmentId: string) => `d:${departmentId}`;

/** What the directory says about one employee, as far as logs need it. */
export interface DirectoryFacts {
  /** The employee's own departments (ids). */
  departmentIds: string[];
  /** Their departments and every department above them (ids). */
  departmentIdsWithAncestors: string[];
  /** The management chain, nearest first. */
  managerUnionIds: string[];
  displayName?: string;
}

export const NO_FACTS: DirectoryFacts = { departmentIds: [], departmentIdsWithAncestors: [], managerUnionIds: [] };

/** The audience keys of a log that `author` writes with `visibility`. */
export function audienceKeys(authorUnionId: string, author: DirectoryFacts, visibility: WorkLogVisibility, readerUnionIds: string[]): string[] {
  const keys = new Set([personKey(authorUnionId)]);
  switch (visibility) {
    case WorkLogVisibility.CORP:
      keys.add(EVERYONE);
      break;
    case WorkLogVisibility.PEOPLE:
      for (const unionId of readerUnionIds) keys.add(personKey(unionId));
      break;
    case WorkLogVisibility.TEAM:
      for (const id of author.departmentIds) keys.add(teamKey(id));
      for (const unionId of author.managerUnionIds) keys.add(personKey(unionId));
      break;
    case WorkLogVisibility.DEPARTMENT:
      for (const id of author.departmentIds) keys.add(subtreeKey(id));
      for (const unionId of author.managerUnionIds) keys.add(personKey(unionId));
      break;
  }
  return [...keys];
}

/** The keys a viewer holds (see above). */
export function viewerKeys(unionId: string, viewer: DirectoryFacts): string[] {
  return [
    EVERYONE,
    personKey(unionId),
    ...viewer.departmentIds.map(teamKey),
    ...[...new Set(viewer.departmentIdsWithAncestors)].map(subtreeKey),
  ];
}

const EMPLOYEE_FACTS = `query LogsEmployeeFacts($unionId: ID!) {
  employee(unionId: $unionId) { displayName departments { id ancestors { id } } managers { unionId } }
}`;

interface EmployeeFactsData {
  employee: { displayName: string; departments: { id: string; ancestors: { id: string }[] }[]; managers: { unionId: string }[] };
}

/** Members at most this many per department or corp for `unreadBy` and the statistics. */
export const MAX_AUDIENCE = 500;

/** The directory and media data logs need, read through the gateway with the logs service token. */
export class Graph {
  constructor(private readonly client: GatewayClient) {}

  /** Null when the person is no employee of the corp. */
  async employeeFacts(corpId: string, unionId: string, requestId?: string): Promise<DirectoryFacts | null> {
    try {
      const { employee } = await this.client.request<EmployeeFactsData>(corpId, EMPLOYEE_FACTS, { unionId }, requestId);
      const departmentIds = employee.departments.map((d) => d.id);
      return {
        departmentIds,
        departmentIdsWithAncestors: [...new Set(employee.departments.flatMap((d) => [d.id, ...d.ancestors.map((a) => a.id)]))],
        managerUnionIds: employee.managers.map((m) => m.unionId),
        displayName: employee.displayName,
      };
    } catch (error) {
      if (errorCodeOf(error) === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /**
   * Checks that the voice note is AUDIO and every attachment exists in the corp, in one call; returns the
   * voice note's duration in seconds. Unknown ids are BAD_USER_INPUT.
   */
  async checkMedia(corpId: string, voiceId: string | null | undefined, attachmentIds: string[], requestId?: string): Promise<{ voiceDurationSeconds: number | null }> {
    const ids = [...(voiceId ? [voiceId] : []), ...attachmentIds];
    if (!ids.length) return { voiceDurationSeconds: null };
    const variables = Object.fromEntries(ids.map((id, i) => [`m${i}`, id]));
    const query = `query LogsMedia(${ids.map((_, i) => `$m${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `m${i}: media(id: $m${i}) { id kind durationSeconds }`).join(' ')} }`;
    let data: Record<string, { id: string; kind: string; durationSeconds: number | null }>;
    try {
      data = await this.client.request(corpId, query, variables, requestId);
    } catch (error) {
      if (errorCodeOf(error) === 'NOT_FOUND') throw errors.BAD_USER_INPUT(`Unknown media: ${error instanceof Error ? error.message : ''}`.trim());
      throw error;
    }
    if (!voiceId) return { voiceDurationSeconds: null };
    const voice = data.m0;
    if (voice.kind !== 'AUDIO') throw errors.BAD_USER_INPUT(`Media "${voiceId}" is ${voice.kind}, not AUDIO: a voice note must be uploaded with kind=AUDIO`);
    return { voiceDurationSeconds: voice.durationSeconds };
  }

  /**
   * The people each audience key stands for (`*`, `t:…`, `d:…`; `u:…` needs no call), in one call for
   * all keys. A department that no longer exists stands for nobody.
   */
  async membersOf(corpId: string, keys: readonly string[], requestId?: string): Promise<string[][]> {
    const fields = keys.map((key, i) => {
      if (key === EVERYONE) return `k${i}: employees(first: ${MAX_AUDIENCE}) { nodes { unionId } }`;
      if (key.startsWith('u:')) return null;
      const departmentId = key.slice(2);
      return `k${i}: department(id: ${JSON.stringify(departmentId)}) { members(first: ${MAX_AUDIENCE}, includeSubdepartments: ${key.startsWith('d:')}) { nodes { unionId } } }`;
    });
    const selected = fields.filter((field) => field !== null);
    const data = selected.length ? await this.requestTolerant(corpId, `query LogsAudience { ${selected.join(' ')} }`, requestId) : {};
    return keys.map((key, i) => {
      if (key.startsWith('u:')) return [key.slice(2)];
      const answer = data[`k${i}`] as { nodes?: { unionId: string }[]; members?: { nodes: { unionId: string }[] } } | null | undefined;
      return (answer?.nodes ?? answer?.members?.nodes ?? []).map((node) => node.unionId);
    });
  }

  /** Department members, through every page. */
  async departmentMembers(corpId: string, departmentId: string, includeSubdepartments: boolean, requestId?: string): Promise<string[]> {
    const members: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { department: { members: { nodes: { unionId: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await this.client.request(
        corpId,
        `query LogsMembers($id: ID!, $after: String, $sub: Boolean!) { department(id: $id) { members(first: ${MAX_AUDIENCE}, after: $after, includeSubdepartments: $sub) { nodes { unionId } pageInfo { hasNextPage endCursor } } } }`,
        { id: departmentId, after, sub: includeSubdepartments },
        requestId,
      );
      members.push(...data.department.members.nodes.map((node) => node.unionId));
      if (!data.department.members.pageInfo.hasNextPage) return members;
      after = data.department.members.pageInfo.endCursor;
    }
  }

  /** A department's ancestors (ids), nearest first; NOT_FOUND when the corp has no such department. */
  async departmentAncestors(corpId: string, departmentId: string, requestId?: string): Promise<string[]> {
    const data = await this.client.request<{ department: { ancestors: { id: string }[] } }>(
      corpId,
      `query LogsDepartment($id: ID!) { department(id: $id) { ancestors { id } } }`,
      { id: departmentId },
      requestId,
    );
    return data.department.ancestors.map((a) => a.id);
  }

  /** Like request, but a missing department (a null branch) does not fail the others: each key is asked alone then. */
  private async requestTolerant(corpId: string, query: string, requestId?: string): Promise<Record<string, unknown>> {
    try {
      return await this.client.request<Record<string, unknown>>(corpId, query, undefined, requestId);
    } catch (error) {
      if (errorCodeOf(error) !== 'NOT_FOUND') throw error;
      // rare (a department deleted after the log was written): ask key by key, skipping the missing ones
      const inner = query.slice(query.indexOf('{') + 1, query.lastIndexOf('}'));
      const parts = inner.split(/ (?=k\d+: )/).filter(Boolean);
      const merged: Record<string, unknown> = {};
      for (const part of parts) {
        try {
          Object.assign(merged, await this.client.request<Record<string, unknown>>(corpId, `query LogsAudienceKey { ${part} }`, undefined, requestId));
        } catch (inner) {
          if (errorCodeOf(inner) !== 'NOT_FOUND') throw inner;
        }
      }
      return merged;
    }
  }
}

/** Callers that read every log of their corp. */
export function readsEverything(auth: AuthContext): boolean {
  return auth.role !== Role.EMPLOYEE && auth.role !== Role.VENDOR;
}
