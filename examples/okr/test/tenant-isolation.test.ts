import { errorCodes, type TestModule } from '@corphub/module-kit/testing';
import { addKeyResult, addObjective, caller, EMPLOYEES, employees, QUARTER, startModule } from './helpers';

describe('tenant isolation', () => {
  let testModule: TestModule;
  const acme = caller('acme');
  const beta = caller('beta');
  const ada = 'un_ada';
  let objectiveId: string;
  let keyResultId: string;

  beforeAll(async () => {
    testModule = await startModule();
    objectiveId = await addObjective(testModule, acme, { ownerUnionId: ada, title: 'Acme only' });
    keyResultId = await addKeyResult(testModule, acme, objectiveId, 'Acme result');
    await addObjective(testModule, beta, { ownerUnionId: 'un_cy', title: 'Beta only' });
  });
  afterAll(() => testModule?.stop());

  it("lists only the caller's corp", async () => {
    const list = `{ okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount nodes { title } } }`;
    expect((await testModule.request(list, { auth: acme })).data).toEqual({ okrObjectives: { totalCount: 1, nodes: [{ title: 'Acme only' }] } });
    expect((await testModule.request(list, { auth: beta })).data).toEqual({ okrObjectives: { totalCount: 1, nodes: [{ title: 'Beta only' }] } });
  });

  it("hides corp A's rows from corp B: NOT_FOUND by id, nothing on A's employee", async () => {
    const byId = await testModule.request(`query($id: ID!) { okrObjective(id: $id) { title } }`, { auth: beta, variables: { id: objectiveId } });
    expect(errorCodes(byId)).toEqual(['NOT_FOUND']);
    const onEmployee = await testModule.request(EMPLOYEES, { auth: beta, variables: { representations: employees(ada), quarter: QUARTER } });
    expect(onEmployee).toEqual({ status: 200, data: { _entities: [{ unionId: ada, objectives: [] }] } });
  });

  it("lets corp B change nothing of corp A's: NOT_FOUND", async () => {
    const added = await testModule.request(`mutation($id: ID!) { addKeyResult(input: { objectiveId: $id, title: "x" }) { id } }`, { auth: beta, variables: { id: objectiveId } });
    expect(errorCodes(added)).toEqual(['NOT_FOUND']);
    const progressed = await testModule.request(`mutation($id: ID!) { updateKeyResultProgress(input: { keyResultId: $id, progress: 90 }) { id } }`, { auth: beta, variables: { id: keyResultId } });
    expect(errorCodes(progressed)).toEqual(['NOT_FOUND']);
    const own = await testModule.request(`query($id: ID!) { okrObjective(id: $id) { keyResults { title progress } } }`, { auth: acme, variables: { id: objectiveId } });
    expect(own.data).toEqual({ okrObjective: { keyResults: [{ title: 'Acme result', progress: 0 }] } });
  });
});
