import { Role } from '@corphub/module-kit';
import { seedCorp, type GraphClient, type SeededCorp } from './hub';
import { createDepartments, hire } from './directory';

/**
 * Two corps with a department tree and management chains, built through the graph as clients do.
 *
 * corp-a:
 *
 *   sales (boss, carol)
 *   └─ north (lead, alice, bob)
 *      └─ north-east (nina)
 *   eng (dave)
 *
 * Managers: boss ← lead ← alice, bob; boss ← carol; lead ← nina. corp-b has one employee, eve.
 */
export interface OrgChart {
  a: SeededCorp;
  b: SeededCorp;
  ids: Record<'boss' | 'lead' | 'alice' | 'bob' | 'carol' | 'nina' | 'dave' | 'eve', string>;
  tokens: Record<'boss' | 'lead' | 'alice' | 'bob' | 'carol' | 'nina' | 'dave' | 'eve' | 'admin' | 'analystB', string>;
}

export async function seedOrgChart(hub: GraphClient): Promise<OrgChart> {
  const a = await seedCorp(hub, 'corp-a', ['Admin A']);
  const b = await seedCorp(hub, 'corp-b', ['Admin B']);
  await createDepartments(hub, a, [
    ['sales', 'Sales', null],
    ['north', 'North', 'sales'],
    ['north-east', 'North East', 'north'],
    ['eng', 'Engineering', null],
  ]);
  await createDepartments(hub, b, [['sales', 'Sales', null]]);
  const boss = await hire(hub, a, 'Boss', { departmentIds: ['sales'] });
  const lead = await hire(hub, a, 'Lead', { departmentIds: ['north'], managerUnionId: boss });
  const alice = await hire(hub, a, 'Alice', { departmentIds: ['north'], managerUnionId: lead });
  const bob = await hire(hub, a, 'Bob', { departmentIds: ['north'], managerUnionId: lead });
  const carol = await hire(hub, a, 'Carol', { departmentIds: ['sales'], managerUnionId: boss });
  const nina = await hire(hub, a, 'Nina', { departmentIds: ['north-east'], managerUnionId: lead });
  const dave = await hire(hub, a, 'Dave', { departmentIds: ['eng'] });
  const eve = await hire(hub, b, 'Eve', { departmentIds: ['sales'] });
  const ids = { boss, lead, alice, bob, carol, nina, dave, eve };
  const employee = (corp: string, union: string) => hub.token({ corp, role: Role.EMPLOYEE, union });
  const tokens = {
    boss: await employee('corp-a', boss),
    lead: await employee('corp-a', lead),
    alice: await employee('corp-a', alice),
    bob: await employee('corp-a', bob),
    carol: await employee('corp-a', carol),
    nina: await employee('corp-a', nina),
    dave: await employee('corp-a', dave),
    eve: await employee('corp-b', eve),
    admin: a.adminToken,
    analystB: await hub.token({ corp: 'corp-b', role: Role.ANALYST }),
  };
  return { a, b, ids, tokens };
}
