import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { paginateByKey, type Page, type PageArgs } from '@corphub/module-kit';
import { CheckIn } from './check-in.entity';

export function checkInLoaders(em: EntityManager) {
  const checkInPages = new Map<string, DataLoader<string, Page<CheckIn>>>();
  return {
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
  };
}
