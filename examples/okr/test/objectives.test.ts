import { Role } from '@corphub/module-kit';
import { errorCodes, type TestModule } from '@corphub/module-kit/testing';
import { addKeyResult, addObjective, caller, EMPLOYEES, employees, QUARTER, startModule, writesOf } from './helpers';

describe('objective and key result records', () => {
  let testModule: TestModule;
  const admin = caller('acme');
  const ada = 'un_ada';
  const bo = 'un_bo';

  beforeAll(async () => {
    testModule = await startModule();
  });
  afterAll(() => testModule?.stop());

  it('adds an objective and a key result, and answers them on the employee as the gateway asks for them', async () => {
    const objectiveId = await addObjective(testModule, admin, { ownerUnionId: ada, title: 'Open the platform' });
    const keyResultId = await addKeyResult(testModule, caller('acme', Role.EMPLOYEE, ada), objectiveId, 'Three modules live');
    const progressed = await testModule.request(`mutation($input: UpdateProgressInput!) { updateKeyResultProgress(input: $input) { title progress } }`, {
      auth: caller('acme', Role.VENDOR),
      variables: { input: { keyResultId, progress: 60 } },
    });
    expect(progressed).toEqual({ status: 200, data: { updateKeyResultProgress: { title: 'Three modules live', progress: 60 } } });

    const answered = await testModule.request(EMPLOYEES, { auth: admin, variables: { representations: employees(ada, bo), quarter: QUARTER } });
    expect(answered).toEqual({
      status: 200,
      data: {
        _entities: [
          { unionId: ada, objectives: [{ title: 'Open the platform', keyResults: [{ title: 'Three modules live', progress: 60 }] }] },
          { unionId: bo, objectives: [] },
        ],
      },
    });
  });

  it("lets an employee change their own objective only: FORBIDDEN for another's", async () => {
    const objectiveId = await addObjective(testModule, admin, { ownerUnionId: ada, title: 'Hire two engineers' });
    const refused = await testModule.request(`mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { id } }`, {
      auth: caller('acme', Role.EMPLOYEE, bo),
      variables: { input: { objectiveId, title: 'Sneaky' } },
    });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.data).toEqual({ addKeyResult: null });
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const objectiveId = await addObjective(testModule, admin, { ownerUnionId: ada, title: 'Ship it' });
    const keyResultId = await addKeyResult(testModule, admin, objectiveId, 'Shipped');
    testModule.queries.reset();
    const bad = [
      [`mutation { createObjective(input: { title: "x", quarter: "2026-Q5" }) { id } }`, {}],
      [`mutation { createObjective(input: { title: "", quarter: "2026-Q4" }) { id } }`, {}],
      [`mutation($id: ID!) { updateKeyResultProgress(input: { keyResultId: $id, progress: 150 }) { id } }`, { id: keyResultId }],
      [`query { okrObjectives(quarter: "Q4", first: 5) { totalCount } }`, {}],
    ] as const;
    for (const [query, variables] of bad) {
      expect(errorCodes(await testModule.request(query, { auth: admin, variables }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(writesOf(testModule)).toEqual([]);
  });

  it('without an app secret, publishing is NOT_CONFIGURED and gives the claim back (PRIVATE, one version on)', async () => {
    const objectiveId = await addObjective(testModule, admin, { ownerUnionId: ada, title: 'Tell the whole corp' });
    const PUBLISH = `mutation($id: ID!, $v: Int!) { publishObjective(id: $id, version: $v) { status version } }`;
    const refused = await testModule.request(PUBLISH, { auth: caller('acme', Role.EMPLOYEE, ada), variables: { id: objectiveId, v: 1 } });
    expect(errorCodes(refused)).toEqual(['NOT_CONFIGURED']);
    const read = await testModule.request(`query($id: ID!) { okrObjective(id: $id) { status version approvalId } }`, { auth: admin, variables: { id: objectiveId } });
    expect(read.data).toEqual({ okrObjective: { status: 'PRIVATE', version: 3, approvalId: null } });
    // only the owner asks
    expect(errorCodes(await testModule.request(PUBLISH, { auth: caller('acme', Role.EMPLOYEE, bo), variables: { id: objectiveId, v: 3 } }))).toEqual(['FORBIDDEN']);
  });

  it('answers only corps that installed the module: MODULE_NOT_INSTALLED otherwise', async () => {
    const notInstalled = { ...admin, modules: [] };
    const listed = await testModule.request(`{ okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount } }`, { auth: notInstalled });
    expect(listed.data).toEqual({ okrObjectives: null });
    expect(listed.errors).toEqual([expect.objectContaining({ path: ['okrObjectives'], extensions: expect.objectContaining({ code: 'MODULE_NOT_INSTALLED', module: 'okr' }) })]);

    // the employee itself still answers (the directory's part of a query stands); only this module's field is refused
    const extended = await testModule.request(EMPLOYEES, { auth: notInstalled, variables: { representations: employees(ada), quarter: QUARTER } });
    expect(extended.data).toEqual({ _entities: [{ unionId: ada, objectives: null }] });
    expect(errorCodes(extended)).toEqual(['MODULE_NOT_INSTALLED']);
  });

  it('refuses a request without a context signed by the gateway: UNAUTHENTICATED', async () => {
    const anonymous = await testModule.request(`{ okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount } }`);
    expect(anonymous.status).toBe(401);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });
});
