import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';

/**
 * For idempotent writes (install, get-or-create): when a concurrent request inserted the same unique
 * key first, run the transaction again so it finds that row and answers like the first request.
 */
export async function transactionalIdempotent<T>(em: EntityManager, run: (tx: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.transactional(run);
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= attempts) throw error;
      em.clear();
    }
  }
}
