import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { CORP_READERS, paginateByKey, type AuthContext, type Page, type PageArgs, type SubgraphContext } from '@corphub/module-kit';
import { CheckIn } from './entities';
import type { AttendanceGraph, EmployeeTargets } from './graph';
import { loadRuleBook, type RuleBook } from './rules';
import { summarize, type AttendanceSummary } from './summary';

/** One set per request: rules once, people's targets and manager chains in one gateway call each. */
export function createLoaders(em: EntityManager, auth: AuthContext, graph: AttendanceGraph) {
  let book: Promise<RuleBook> | undefined;
  const ruleBook = () => (book ??= loadRuleBook(em));
  const targets = new DataLoader<string, EmployeeTargets | null>((unionIds) => graph.employeeTargets(auth.corpId, unionIds));
  const checkInPages = new Map<string, DataLoader<string, Page<CheckIn>>>();
  return {
    graph,
    ruleBook,
    targets,
    /** Key: a person's UnionID; whether the caller may read their attendance (themself, a corp reader, a manager above them). */
    mayRead: new DataLoader<string, boolean>(async (unionIds) => {
      if ((CORP_READERS as readonly string[]).includes(auth.role)) return unionIds.map(() => true);
      if (!auth.unionId) return unionIds.map(() => false);
      const others = unionIds.filter((unionId) => unionId !== auth.unionId);
      const chains = new Map(others.map((unionId, i) => [unionId, i]));
      const answers = await graph.managerChains(auth.corpId, others);
      return unionIds.map((unionId) => unionId === auth.unionId || (answers[chains.get(unionId)!]?.includes(auth.unionId!) ?? false));
    }),
    /**
     * Key: a person's UnionID; their check-ins on local days [from, to], newest first, one page: one
     * statement for every person of a response asking with the same range and page.
     */
    checkIns(from: string, to: string, page: PageArgs): DataLoader<string, Page<CheckIn>> {
      const signature = JSON.stringify([from, to, page.first, page.after ?? null]);
      let loader = checkInPages.get(signature);
      if (!loader) {
        loader = new DataLoader<string, Page<CheckIn>>((unionIds) =>
          paginateByKey(em, CheckIn, 'unionId', unionIds, { localDate: { $gte: from, $lte: to } }, page, [
            ['checkedAt', 'desc'],
            ['id', 'desc'],
          ]),
        );
        checkInPages.set(signature, loader);
      }
      return loader;
    },
    /** Key: `from|to|unionId`; per range, one aggregate statement for every person asked about. */
    summary: new DataLoader<string, AttendanceSummary>(async (keys) => {
      const byRange = new Map<string, string[]>();
      for (const key of keys) {
        const [from, to, unionId] = key.split('|');
        byRange.set(`${from}|${to}`, [...(byRange.get(`${from}|${to}`) ?? []), unionId]);
      }
      const results = new Map<string, AttendanceSummary>();
      await Promise.all(
        [...byRange].map(async ([range, unionIds]) => {
          const [from, to] = range.split('|');
          const [rules, people] = await Promise.all([ruleBook(), targets.loadMany(unionIds)]);
          const known = unionIds.map((unionId, i) => {
            const person = people[i];
            return person && !(person instanceof Error) ? person : { unionId };
          });
          const summaries = await summarize(em, rules, known, from, to);
          unionIds.forEach((unionId, i) => results.set(`${range}|${unionId}`, summaries[i]));
        }),
      );
      return keys.map((key) => results.get(key)!);
    }),
  };
}

export type AttendanceLoaders = ReturnType<typeof createLoaders>;
export type AttendanceContext = SubgraphContext<AttendanceLoaders>;
