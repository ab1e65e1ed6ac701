import type { EntityManager } from '@mikro-orm/core';
import { loadRuleBook, type RuleBook } from './rule.service';

/** The corp's rules with their versions: read once per request, on first use. */
export function ruleLoaders(em: EntityManager) {
  let book: Promise<RuleBook> | undefined;
  return {
    ruleBook: (): Promise<RuleBook> => (book ??= loadRuleBook(em)),
  };
}

export type RuleLoaders = ReturnType<typeof ruleLoaders>;
