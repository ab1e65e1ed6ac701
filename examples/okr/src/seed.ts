import type { MikroORM } from '@mikro-orm/core';
import { scopeToCorp } from '@corphub/module-kit';
import { KeyResult } from './key-results/key-result.entity';
import { Objective } from './objectives/objective.entity';

export const DEMO_QUARTER = '2026-Q4';

/** The demo corp and two of its people (its admin and Li Wei), as the hub's `npm start` seeds them. */
export const DEMO_CORP = 'demo';
export const DEMO_OWNERS = ['un_7k2m9q4x8d1f6h3p', 'un_3v8r2n6t9w4y7z5a'];

const PLANS = [
  ['Launch the vendor platform', ['Three modules published', 'Zero failed reloads']],
  ['Close the quarter cleanly', ['All claims paid within 5 days']],
] as const;

/** An objective or two for each of the demo corp's first people; idempotent (runs on every start with CORPHUB_SEED_DEMO=1). */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO_CORP);
  if (await em.count(Objective, {})) return;
  DEMO_OWNERS.forEach((ownerUnionId, i) => {
    const [title, results] = PLANS[i];
    const objective = new Objective(ownerUnionId, title, DEMO_QUARTER);
    em.persist(objective);
    results.forEach((result, j) => {
      const keyResult = new KeyResult(em.getReference(Objective, objective.id, { wrapped: true }), result);
      keyResult.progress = 30 + 20 * j;
      em.persist(keyResult);
    });
  });
  await em.flush();
}
