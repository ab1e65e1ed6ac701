import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface ScimResponse {
  status: number;
  contentType: string | null;
  body: any;
}

describe('SCIM 2.0 provisioning at /scim/v2', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  let base: string;

  /** A real HTTP client, as an identity provider would call. */
  const scim = async (method: string, path: string, token: string | undefined, body?: unknown, rawBody?: string): Promise<ScimResponse> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { accept: 'application/scim+json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined || rawBody ? { 'content-type': 'application/scim+json' } : {}) },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
  };
  const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER, ENTERPRISE], userName, name: { givenName: userName.split('@')[0], familyName: 'Test' }, ...extra });
  const graph = async (corp: SeededCorp, query: string, variables?: Record<string, unknown>) => {
    const response = await hub.request(query, { token: corp.adminToken, variables });
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const createUser = async (corp: SeededCorp, userName: string, extra: Record<string, unknown> = {}) => {
    const created = await scim('POST', '/Users', corp.adminToken, newUser(userName, extra));
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'scim' });
    base = hub.url.replace(/\/graphql$/, '/scim/v2');
    a = await seedCorp(hub, 'corp-a', ['Admin A']);
    b = await seedCorp(hub, 'corp-b', ['Admin B']);
    for (const corp of [a, b]) {
      for (const [id, name] of [['sales', 'Sales'], ['finance', 'Finance']]) {
        await graph(corp, `mutation($id: ID!, $name: String!) { createDepartment(input: { id: $id, name: $name }) { id } }`, { id, name });
      }
    }
  });
  afterAll(() => hub?.stop());

  it('creates a user as a person in identity and an employee in the directory', async () => {
    const boss = await createUser(a, 'boss@a.example', { title: 'Boss' });
    const created = await scim('POST', '/Users', a.adminToken, {
      schemas: [USER, ENTERPRISE],
      userName: 'Ann.Lee@a.example',
      externalId: 'okta-123',
      name: { givenName: 'Ann', familyName: 'Lee' },
      title: 'Analyst',
      phoneNumbers: [{ value: '+1 555 0101', type: 'work' }],
      [ENTERPRISE]: { employeeNumber: 'E-42', department: 'Finance', manager: { value: boss } },
    });
    expect(created.status).toBe(201);
    expect(created.contentType).toMatch(/^application\/scim\+json/);
    expect(created.body).toEqual({
      schemas: [USER, ENTERPRISE],
      id: expect.stringMatching(/^un_/),
      externalId: 'okta-123',
      userName: 'ann.lee@a.example',
      displayName: 'Ann Lee',
      name: { formatted: 'Ann Lee' },
      title: 'Analyst',
      active: true,
      emails: [{ value: 'ann.lee@a.example', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+1 555 0101', type: 'work' }],
      [ENTERPRISE]: { employeeNumber: 'E-42', department: 'finance', manager: { value: boss, displayName: 'boss Test', $ref: `${base}/Users/${boss}` } },
      meta: { resourceType: 'User', created: expect.any(String), location: `${base}/Users/${created.body.id}` },
    });
    const seen = await graph(a, `query($u: ID!) { person(unionId: $u) { displayName email employee { employeeNumber department { id } manager { unionId } } } }`, { u: created.body.id });
    expect(seen).toEqual({ person: { displayName: 'Ann Lee', email: 'ann.lee@a.example', employee: { employeeNumber: 'E-42', department: { id: 'finance' }, manager: { unionId: boss } } } });
    expect(await scim('GET', `/Users/${created.body.id}`, a.adminToken)).toMatchObject({ status: 200, body: { id: created.body.id, userName: 'ann.lee@a.example' } });
  });

  it('finds a user by userName, and pages with startIndex and count', async () => {
    for (const name of ['p1', 'p2', 'p3', 'p4']) await createUser(a, `${name}@a.example`);
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "P2@a.example"')}`, a.adminToken);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ userName: 'p2@a.example' }] });
    const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@a.example"')}`, a.adminToken);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    const all = await scim('GET', '/Users?count=100', a.adminToken);
    const names = all.body.Resources.map((user: { userName: string }) => user.userName);
    const page = await scim('GET', '/Users?startIndex=2&count=2', a.adminToken);
    expect(page.body).toMatchObject({ totalResults: all.body.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((user: { userName: string }) => user.userName)).toEqual(names.slice(1, 3));
    const countOnly = await scim('GET', '/Users?count=0', a.adminToken);
    expect(countOnly.body).toMatchObject({ totalResults: all.body.totalResults, itemsPerPage: 0, Resources: [] });
  });

  it.each([
    ['an unsupported attribute', 'title co "x"'],
    ['an unsupported operator', 'userName sw "p"'],
    ['a filter that does not parse', 'userName eq'],
    ['a logical expression', 'userName eq "a" or userName eq "b"'],
  ])('answers a bad filter (%s) with SCIM invalidFilter', async (_case, filter) => {
    const response = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`, a.adminToken);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ schemas: [ERROR], status: '400', scimType: 'invalidFilter', detail: expect.any(String) });
  });

  it('replaces a user with PUT', async () => {
    const id = await createUser(a, 'put@a.example', { title: 'Before', [ENTERPRISE]: { department: 'sales' } });
    const replaced = await scim('PUT', `/Users/${id}`, a.adminToken, { schemas: [USER, ENTERPRISE], userName: 'put2@a.example', displayName: 'Put Two', title: 'After', [ENTERPRISE]: { department: 'finance' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, userName: 'put2@a.example', displayName: 'Put Two', title: 'After', active: true, [ENTERPRISE]: { department: 'finance' } });
    expect(await graph(a, `query($u: ID!) { employee(unionId: $u) { email title departments { id } } }`, { u: id })).toEqual({ employee: { email: 'put2@a.example', title: 'After', departments: [{ id: 'finance' }] } });
  });

  it('applies PATCH with several operations, including active: false to offboard and back', async () => {
    const id = await createUser(a, 'patch@a.example', { title: 'Old', [ENTERPRISE]: { department: 'sales' } });
    const patched = await scim('PATCH', `/Users/${id}`, a.adminToken, {
      schemas: [PATCH],
      Operations: [
        { op: 'replace', path: 'title', value: 'New' },
        { op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0199' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'finance' },
        { op: 'add', path: `${ENTERPRISE}:employeeNumber`, value: 'P-1' },
        { op: 'replace', value: { displayName: 'Pat Patched' } },
        { op: 'remove', path: 'externalId' },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'New', displayName: 'Pat Patched', active: true, phoneNumbers: [{ value: '+1 555 0199' }], [ENTERPRISE]: { department: 'finance', employeeNumber: 'P-1' } });
    const off = await scim('PATCH', `/Users/${id}`, a.adminToken, { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: 'False' } }] });
    expect(off.body).toMatchObject({ id, active: false, title: 'New' });
    expect(await graph(a, `query($u: ID!) { employee(unionId: $u) { status leftAt departments { id } } }`, { u: id })).toEqual({
      employee: { status: 'LEFT', leftAt: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), departments: [{ id: 'finance' }] },
    });
    const back = await scim('PATCH', `/Users/${id}`, a.adminToken, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: true }] });
    expect(back.body).toMatchObject({ id, active: true });
  });

  it('refuses a bad PATCH with a SCIM error and changes nothing', async () => {
    const id = await createUser(a, 'badpatch@a.example', { title: 'Same' });
    for (const body of [
      { schemas: [PATCH], Operations: [{ op: 'move', path: 'title', value: 'x' }] },
      { schemas: [PATCH], Operations: [] },
      { schemas: [USER], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'Changed' }, { op: 'replace', path: `${ENTERPRISE}:department`, value: 'nope' }] },
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: 'not a phone' }] },
    ]) {
      const response = await scim('PATCH', `/Users/${id}`, a.adminToken, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: expect.any(String) });
    }
    expect((await scim('GET', `/Users/${id}`, a.adminToken)).body).toMatchObject({ title: 'Same', phoneNumbers: [] });
  });

  it('deprovisions a user with DELETE: offboarded, history kept', async () => {
    const id = await createUser(a, 'gone@a.example');
    const deleted = await scim('DELETE', `/Users/${id}`, a.adminToken);
    expect(deleted.status).toBe(204);
    expect(await graph(a, `query($u: ID!) { employee(unionId: $u) { status } }`, { u: id })).toEqual({ employee: { status: 'LEFT' } });
    expect((await scim('GET', `/Users/${id}`, a.adminToken)).body).toMatchObject({ id, active: false });
    const listed = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "gone@a.example"')}`, a.adminToken);
    expect(listed.body).toMatchObject({ totalResults: 1, Resources: [{ id, active: false }] });
  });

  it.each([
    ['no token', undefined, 401],
    ['an employee token', 'employee', 403],
  ])('refuses a caller with %s in SCIM shape', async (_case, who, status) => {
    const token = who ? await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: a.people[0].unionId }) : undefined;
    const response = await scim('GET', '/Users', token);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  });

  it.each([
    ['a duplicate userName', 'POST', '/Users', () => newUser('boss@a.example'), 409, 'uniqueness'],
    ['a user without userName', 'POST', '/Users', () => ({ schemas: [USER], displayName: 'Nameless' }), 400, 'invalidValue'],
    ['a userName that is not an email', 'POST', '/Users', () => newUser('bjensen'), 400, 'invalidValue'],
    ['an unknown department', 'POST', '/Users', () => newUser('dep@a.example', { [ENTERPRISE]: { department: 'nope' } }), 400, 'invalidValue'],
    ['an unknown manager', 'POST', '/Users', () => newUser('mgr@a.example', { [ENTERPRISE]: { manager: 'un_nobody' } }), 400, 'invalidValue'],
    ['a body without the User schema', 'POST', '/Users', () => ({ userName: 'x@a.example' }), 400, 'invalidSyntax'],
    ['an unknown user', 'GET', '/Users/un_nobody', () => undefined, 404, undefined],
    ['an unknown group', 'GET', '/Groups/nope', () => undefined, 404, undefined],
  ])('answers %s in SCIM shape, writing nothing', async (_case, method, path, body, status, scimType) => {
    const before = await scim('GET', '/Users?count=0', a.adminToken);
    const response = await scim(method, path, a.adminToken, body());
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail: expect.any(String) });
    expect((await scim('GET', '/Users?count=0', a.adminToken)).body.totalResults).toBe(before.body.totalResults);
    const people = await graph(a, `{ people { totalCount } }`);
    expect(people.people.totalCount).toBe(before.body.totalResults + 1); // the seeded admin is a person, not an employee
  });

  it('answers a body that is not JSON with invalidSyntax', async () => {
    const response = await scim('POST', '/Users', a.adminToken, undefined, '{ not json');
    expect(response).toMatchObject({ status: 400, body: { schemas: [ERROR], scimType: 'invalidSyntax' } });
  });

  it('manages groups as departments: create with members, filter, PATCH members, PUT, DELETE', async () => {
    const [g1, g2, g3] = [await createUser(a, 'g1@a.example'), await createUser(a, 'g2@a.example'), await createUser(a, 'g3@a.example')];
    const created = await scim('POST', '/Groups', a.adminToken, { schemas: [GROUP], displayName: 'Support', members: [{ value: g1 }, { value: g2 }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ schemas: [GROUP], displayName: 'Support', members: [{ value: g1, display: 'g1 Test' }, { value: g2, display: 'g2 Test' }], meta: { resourceType: 'Group' } });
    expect(await graph(a, `query($u: ID!) { employee(unionId: $u) { department { name } } }`, { u: g1 })).toEqual({ employee: { department: { name: 'Support' } } });

    const found = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "support"')}&excludedAttributes=members`, a.adminToken);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: 'Support' }] });
    expect(found.body.Resources[0].members).toBeUndefined();

    const patched = await scim('PATCH', `/Groups/${id}`, a.adminToken, {
      schemas: [PATCH],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: g3 }] },
        { op: 'remove', path: `members[value eq "${g1}"]` },
        { op: 'replace', path: 'displayName', value: 'Customer Support' },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: 'Customer Support', members: [{ value: g2 }, { value: g3 }] });
    expect(await graph(a, `query($u: ID!) { employee(unionId: $u) { departments { id } } }`, { u: g1 })).toEqual({ employee: { departments: [] } });

    const put = await scim('PUT', `/Groups/${id}`, a.adminToken, { schemas: [GROUP], displayName: 'Help Desk', members: [{ value: g1 }] });
    expect(put.body).toMatchObject({ displayName: 'Help Desk', members: [{ value: g1 }] });

    const refused = await scim('DELETE', `/Groups/${id}`, a.adminToken);
    expect(refused).toMatchObject({ status: 409, body: { schemas: [ERROR], status: '409' } });
    await scim('PATCH', `/Groups/${id}`, a.adminToken, { schemas: [PATCH], Operations: [{ op: 'remove', path: 'members' }] });
    expect((await scim('DELETE', `/Groups/${id}`, a.adminToken)).status).toBe(204);
    expect((await scim('GET', `/Groups/${id}`, a.adminToken)).status).toBe(404);
  });

  it('keeps every SCIM call inside the caller corp', async () => {
    const aUser = await createUser(a, 'private@a.example');
    const bUser = await createUser(b, 'private@a.example'); // the same userName in another corp is fine
    expect(bUser).not.toBe(aUser);
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', newUser('stolen@b.example')],
      ['PATCH', { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'Hacked' }] }],
      ['DELETE', undefined],
    ] as const) {
      const response = await scim(method, `/Users/${aUser}`, b.adminToken, body);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '404' });
    }
    const listed = await scim('GET', '/Users?count=500', b.adminToken);
    expect(listed.body.Resources.map((user: { id: string }) => user.id)).toEqual([bUser]);
    const filtered = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "private@a.example"')}`, b.adminToken);
    expect(filtered.body.Resources.map((user: { id: string }) => user.id)).toEqual([bUser]);
    // groups: corp-a's group ids are unknown to corp-b, and corp-a's users cannot join corp-b's groups
    const aGroup = (await scim('POST', '/Groups', a.adminToken, { schemas: [GROUP], displayName: 'A only' })).body.id;
    expect((await scim('GET', `/Groups/${aGroup}`, b.adminToken)).status).toBe(404);
    expect((await scim('PATCH', `/Groups/${aGroup}`, b.adminToken, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] })).status).toBe(404);
    expect((await scim('DELETE', `/Groups/${aGroup}`, b.adminToken)).status).toBe(404);
    expect((await scim('POST', '/Groups', b.adminToken, { schemas: [GROUP], displayName: 'B', members: [{ value: aUser }] })).status).toBe(400);
    const bGroups = await scim('GET', '/Groups', b.adminToken);
    expect(bGroups.body.Resources.map((group: { displayName: string }) => group.displayName).sort()).toEqual(['Finance', 'Sales']);
    expect((await scim('GET', `/Users/${aUser}`, a.adminToken)).body).toMatchObject({ active: true, userName: 'private@a.example' });
    expect((await scim('GET', `/Groups/${aGroup}`, a.adminToken)).body).toMatchObject({ displayName: 'A only' });
  });
});
