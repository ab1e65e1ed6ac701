import { ALIAS_CHUNK, errorCodeOf, errors, gatewayError, ModuleGraph } from '@corphub/module-kit';
import { EVERYONE, type DirectoryFacts } from './work-logs/work-log.audience';

interface EmployeeFactsNode {
  displayName: string;
  departments: { id: string; ancestors: { id: string }[] }[];
  managers: { unionId: string }[];
}

/** Members per page asked of the directory (its largest page). */
export const MAX_AUDIENCE = 500;

interface MemberPage {
  nodes: { unionId: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The directory and media data logs need, read through the gateway with the logs service token. */
export class LogsGraph extends ModuleGraph {
  /** Null when the person is no employee of the corp. */
  async employeeFacts(corpId: string, unionId: string, requestId?: string): Promise<DirectoryFacts | null> {
    const [employee] = await this.employees<EmployeeFactsNode>(corpId, [unionId], 'displayName departments { id ancestors { id } } managers { unionId }', requestId);
    if (!employee) return null;
    return {
      displayName: employee.displayName,
      departmentIds: employee.departments.map((d) => d.id),
      departmentIdsWithAncestors: [...new Set(employee.departments.flatMap((d) => [d.id, ...d.ancestors.map((a) => a.id)]))],
      managerUnionIds: employee.managers.map((m) => m.unionId),
    };
  }

  /**
   * The named readers of a PEOPLE log that are no employee of the corp (empty: all are). Asked with aliased
   * `person(unionId) { employee { unionId } }` fields (both nullable, so one unknown person does not hide
   * the others), ALIAS_CHUNK per call (the gateway limits aliases), the calls side by side.
   */
  async unknownPeople(corpId: string, unionIds: readonly string[], requestId?: string): Promise<string[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < unionIds.length; i += ALIAS_CHUNK) chunks.push(unionIds.slice(i, i + ALIAS_CHUNK));
    const unknown = await Promise.all(
      chunks.map(async (chunk) => {
        const query = `query LogsReaders(${chunk.map((_, i) => `$p${i}: ID!`).join(', ')}) { ${chunk.map((_, i) => `p${i}: person(unionId: $p${i}) { employee { unionId } }`).join(' ')} }`;
        const answer = await this.client.requestAll<Record<string, { employee: { unionId: string } | null } | null>>(
          corpId,
          query,
          Object.fromEntries(chunk.map((unionId, i) => [`p${i}`, unionId])),
          requestId,
        );
        // "no such person" is an answer here; anything else (a subgraph down, a timeout) fails the write as it is
        const failure = answer.errors.find((error) => error.extensions?.code !== 'NOT_FOUND');
        if (failure || !answer.data) throw gatewayError(failure ?? { message: `HTTP ${answer.status} without data` });
        const data = answer.data;
        return chunk.filter((_, i) => !data[`p${i}`]?.employee);
      }),
    );
    return unknown.flat();
  }

  /**
   * Checks that the voice note is AUDIO and every attachment exists in the corp, in one call; returns the
   * voice note's duration in seconds. Unknown ids are BAD_USER_INPUT.
   */
  async checkMedia(corpId: string, voiceId: string | null | undefined, attachmentIds: string[], requestId?: string): Promise<{ voiceDurationSeconds: number | null }> {
    const ids = [...(voiceId ? [voiceId] : []), ...attachmentIds];
    const found = await this.media(corpId, ids, requestId);
    const unknown = ids.filter((_, i) => !found[i]);
    if (unknown.length) throw errors.BAD_USER_INPUT(`Unknown media: ${unknown.map((id) => `"${id}"`).join(', ')}`);
    if (!voiceId) return { voiceDurationSeconds: null };
    const voice = found[0]!;
    if (voice.kind !== 'AUDIO') throw errors.BAD_USER_INPUT(`Media "${voiceId}" is ${voice.kind}, not AUDIO: a voice note must be uploaded with kind=AUDIO`);
    return { voiceDurationSeconds: voice.durationSeconds };
  }

  /**
   * The people each audience key stands for (`*`, `t:…`, `d:…`; `u:…` needs no call), every page of them.
   * All keys of a response are asked together: one round of calls per MAX_AUDIENCE members of the largest
   * group (each round in calls of ALIAS_CHUNK aliased fields, side by side), whatever the number of logs.
   * A department that no longer exists stands for nobody.
   */
  async membersOf(corpId: string, keys: readonly string[], requestId?: string): Promise<string[][]> {
    const members = keys.map((key) => (key.startsWith('u:') ? [key.slice(2)] : []));
    let open = keys.flatMap((key, index) => (key.startsWith('u:') ? [] : [{ index, key, after: null as string | null }]));
    while (open.length) {
      const chunks: (typeof open)[] = [];
      for (let i = 0; i < open.length; i += ALIAS_CHUNK) chunks.push(open.slice(i, i + ALIAS_CHUNK));
      const answers = await Promise.all(
        chunks.map((chunk) => {
          const fields = chunk.map(({ index, key, after }) => {
            const page = `first: ${MAX_AUDIENCE}${after ? `, after: ${JSON.stringify(after)}` : ''}`;
            const selection = `{ nodes { unionId } pageInfo { hasNextPage endCursor } }`;
            if (key === EVERYONE) return `k${index}: employees(${page}) ${selection}`;
            return `k${index}: department(id: ${JSON.stringify(key.slice(2))}) { members(${page}, includeSubdepartments: ${key.startsWith('d:')}) ${selection} }`;
          });
          return this.requestTolerant(corpId, `query LogsAudience { ${fields.join(' ')} }`, requestId);
        }),
      );
      const data = Object.fromEntries(answers.flatMap((answer) => Object.entries(answer)));
      open = open.flatMap((entry) => {
        const answer = data[`k${entry.index}`] as MemberPage | { members: MemberPage } | null | undefined;
        const page = answer && 'members' in answer ? answer.members : answer;
        if (!page) return [];
        members[entry.index].push(...page.nodes.map((node) => node.unionId));
        return page.pageInfo.hasNextPage ? [{ ...entry, after: page.pageInfo.endCursor }] : [];
      });
    }
    return members;
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
