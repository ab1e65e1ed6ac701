import { scopeToCorp } from '@corphub/module-kit';
import type { TestModule } from '@corphub/module-kit/testing';
import { KeyResult, Objective } from '../src';
import { caller, EMPLOYEES, employees, QUARTER, startModule, statementsDuring } from './helpers';

describe('batching: a page costs the same statements whatever its size', () => {
  let testModule: TestModule;
  const admin = caller('acme');
  const owners = Array.from({ length: 50 }, (_, i) => `un_owner_${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    testModule = await startModule();
    const em = scopeToCorp(testModule.orm.em.fork(), 'acme');
    for (const owner of owners) {
      const objective = new Objective(owner, `Objective of ${owner}`, QUARTER);
      em.persist([objective, new KeyResult(em.getReference(Objective, objective.id, { wrapped: true }), 'First'), new KeyResult(em.getReference(Objective, objective.id, { wrapped: true }), 'Second')]);
    }
    await em.flush();
  });
  afterAll(() => testModule?.stop());

  it('lists a page of 1 and of 50 objective rows with their key results in as many statements', async () => {
    const page = async (first: number) =>
      statementsDuring(testModule, async () => {
        const listed = await testModule.request(`query($first: Int!) { okrObjectives(quarter: "${QUARTER}", first: $first) { nodes { title owner { unionId } keyResults { progress } } } }`, {
          auth: admin,
          variables: { first },
        });
        expect(listed.data!.okrObjectives.nodes).toHaveLength(first);
        expect(listed.data!.okrObjectives.nodes[0].keyResults).toHaveLength(2);
      });
    const one = await page(1);
    expect(one).toBeGreaterThan(0);
    expect(await page(50)).toBe(one);
  });

  it('extends 1 and 50 employees with what they own in as many statements', async () => {
    const extend = async (count: number) =>
      statementsDuring(testModule, async () => {
        const answered = await testModule.request(EMPLOYEES, { auth: admin, variables: { representations: employees(...owners.slice(0, count)), quarter: QUARTER } });
        expect(answered.data!._entities).toHaveLength(count);
        expect(answered.data!._entities[count - 1].objectives[0].keyResults).toHaveLength(2);
      });
    const one = await extend(1);
    expect(one).toBeGreaterThan(0);
    expect(await extend(50)).toBe(one);
  });
});
