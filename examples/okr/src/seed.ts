import type { MikroORM } from '@mikro-orm/core';
import { scopeToCorp } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { KeyResult, Objective } from './entities';

export const DEMO_QUARTER = '2026-Q4';

/** A few OKRs for the demo corp's first people; idempotent (runs on every start with CORPHUB_SEED_DEMO=1). */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  if (await em.count(Objective, {})) return;
  const plans = [
    ['Launch the vendor platform', ['Three modules published', 'Zero failed reloads']],
    ['Close the quarter cleanly', ['All claims paid within 5 days']],
  ] as const;
  DEMO_PEOPLE.slice(0, 2).forEach((person, i) => {
    const [title, results] = plans[i];
    const objective = new Objective(person.unionId, title, DEMO_QUARTER);
    em.persist(objective);
    results.forEach((result, j) => {
      const keyResult = new KeyResult(em.getReference(Objective, objective.id, { wrapped: true }), result);
      keyResult.progress = 30 + 20 * j;
      em.persist(keyResult);
    });
  });
  await em.flush();
}
