import { startHub, signDevToken, type Hub } from '@corphub/tooling';
import { readSecurityConfig, Role } from '@corphub/module-kit';
import { DEMO, DEMO_ADMIN_ROLES, DEMO_PEOPLE } from '@corphub/demo';
import { graphqlRequest, testDatabase, type TestDatabase } from '@corphub/module-kit/testing';

const METRICS_TOKEN = 'hub-test-metrics';

describe('the embedded hub as `npm start` runs it', () => {
  let database: TestDatabase;
  let hub: Hub;
  const security = readSecurityConfig({});
  const demoAdminToken = () => signDevToken({ corp: DEMO.corpId, role: Role.ADMIN }, security.jwtSecret);

  beforeAll(async () => {
    database = await testDatabase('start');
    // a first start seeds the demo corp; the hub under test is a restart on the same database
    const first = await startHub({ database: database.targetFor, seedDemo: true, security });
    await first.stop();
    hub = await startHub({ database: database.targetFor, seedDemo: true, security, gateway: { metricsToken: METRICS_TOKEN } });
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
  });

  it('answers /health with the status of each subgraph, to the metrics token', async () => {
    const response = await fetch(new URL('/health', hub.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      subgraphs: Object.fromEntries(Object.entries(hub.subgraphs).map(([name, { url }]) => [name, { status: 'ok', url, latencyMs: expect.any(Number) }])),
    });
  });

  it('is ready when every subgraph answers', async () => {
    expect((await fetch(new URL('/ready', hub.url))).status).toBe(200);
  });

  it("answers the README's first query with the demo admin token", async () => {
    const response = await graphqlRequest(hub.url, '{ me { unionId corp { id name } } }', { token: await demoAdminToken() });
    expect(response).toEqual({ status: 200, data: { me: { unionId: DEMO.adminUnionId, corp: { id: DEMO.corpId, name: DEMO.corpName } } } });
  });

  it('seeds the demo corp once, however often it starts', async () => {
    const response = await graphqlRequest(hub.url, '{ people { totalCount } installations { totalCount } apps { totalCount } employees { totalCount } departments { id } }', {
      token: await demoAdminToken(),
    });
    expect(response.data).toMatchObject({ people: { totalCount: DEMO_PEOPLE.length }, installations: { totalCount: 3 }, apps: { totalCount: 3 }, employees: { totalCount: DEMO_PEOPLE.length } });
    expect(response.data!.departments).toHaveLength(9);
  });

  it('seeds one person with each admin role, and `corphub token --role` signs in as them', async () => {
    const roles = await graphqlRequest(hub.url, '{ adminRoles(first: 10) { nodes { unionId role departmentId } } }', { token: await demoAdminToken() });
    expect(roles.data!.adminRoles.nodes).toEqual(DEMO_ADMIN_ROLES.map(({ unionId, role, departmentId }) => ({ unionId, role, departmentId: departmentId ?? null })));
    const as = async (role: Role) => {
      const token = await signDevToken({ corp: DEMO.corpId, role }, security.jwtSecret);
      return (await graphqlRequest(hub.url, '{ me { role department person { displayName adminRole { role } } } employees(first: 100) { totalCount } }', { token })).data;
    };
    // the head of sales administers Sales and the departments below it
    expect(await as(Role.DEPARTMENT_ADMIN)).toEqual({ me: { role: 'DEPARTMENT_ADMIN', department: 'sales', person: { displayName: 'Li Wei', adminRole: { role: 'DEPARTMENT_ADMIN' } } }, employees: { totalCount: 10 } });
    expect((await as(Role.FINANCE))?.me).toEqual({ role: 'FINANCE', department: null, person: { displayName: 'Wang Fang', adminRole: { role: 'FINANCE' } } });
    expect(await as(Role.ANALYST)).toEqual({ me: { role: 'ANALYST', department: null, person: { displayName: 'Xie Dong', adminRole: { role: 'ANALYST' } } }, employees: { totalCount: DEMO_PEOPLE.length } });
  });

  it('reports a subgraph that stopped answering', async () => {
    const database2 = await testDatabase('down');
    const other = await startHub({ database: database2.targetFor, security, gateway: { metricsToken: METRICS_TOKEN } });
    try {
      // its HTTP server stops, its database stays open (closing the ORM under its background loops could hang them)
      await other.subgraphs.identity.stop();
      const health = await (await fetch(new URL('/health', other.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).json();
      expect(health).toMatchObject({ status: 'degraded', subgraphs: { identity: { status: 'down' } } });
      expect((await fetch(new URL('/ready', other.url))).status).toBe(503);
    } finally {
      await other.stop().catch(() => undefined);
      await database2.drop();
    }
  });
});
