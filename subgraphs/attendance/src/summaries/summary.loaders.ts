import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { RuleLoaders } from '../rules/rule.loaders';
import type { EmployeeLoaders } from '../employees/employee.loaders';
import { summarize, type AttendanceSummary } from './summary.service';

/** Summaries judge people by their rules: they share the request's rule book and targets with the other loaders. */
export function summaryLoaders(em: EntityManager, { ruleBook, targets }: RuleLoaders & Pick<EmployeeLoaders, 'targets'>) {
  return {
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
