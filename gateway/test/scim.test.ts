import http from 'node:http';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
// the gateway's configured public URL: every location is built on it, whatever Host the request named
const PUBLIC = 'https://hub.acme.example/scim/v2';

interface ScimResponse {
  status: number;
  contentType: string | null;
  location: string | null;
  body: any;
}

describe('SCIM 2.0 provisioning at /scim/v2', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  let base: string;
  let f: SeededCorp;

  /** A real HTTP client, as an identity provider would call. */
  const scim = async (method: string, path: string, token: string | undefined, body?: unknown, rawBody?: string): Promise<ScimResponse> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { accept: 'application/scim+json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined || rawBody ? { 'content-type': 'application/scim+json' } : {}) },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), location: response.headers.get('location'), body: text ? JSON.parse(text) : undefined };
  };
  const patch = (corp: SeededCorp, path: string, ...operations: Record<string, unknown>[]) => scim('PATCH', path, corp.adminToken, { schemas: [PATCH], Operations: operations });
  const filtered = (corp: SeededCorp, resource: 'Users' | 'Groups', filter: string, extra = '') => scim('GET', `/${resource}?filter=${encodeURIComponent(filter)}${extra}`, corp.adminToken);
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
    hub = await startTestHub({ label: 'scim', gateway: { publicUrl: 'https://hub.acme.example' } });
    base = hub.url.replace(/\/graphql$/, '/scim/v2');
    a = await seedCorp(hub, 'corp-a', ['Admin A']);
    b = await seedCorp(hub, 'corp-b', ['Admin B']);
    f = await seedCorp(hub, 'corp-f', ['Admin F']);
    for (const corp of [a, b, f]) {
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
      [ENTERPRISE]: { employeeNumber: 'E-42', department: 'finance', manager: { value: boss, displayName: 'boss Test', $ref: `${PUBLIC}/Users/${boss}` } },
      meta: { resourceType: 'User', created: expect.any(String), location: `${PUBLIC}/Users/${created.body.id}` },
    });
    expect(created.location).toBe(`${PUBLIC}/Users/${created.body.id}`);
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
    ['an attribute no schema has', 'nickname2 eq "x"'],
    ['an ordering of a boolean', 'active gt true'],
    ['a number for a string', 'title eq 5'],
    ['a complex attribute without a sub-attribute', 'name eq "x"'],
    ['a value filter on a single-valued attribute', 'title[value eq "x"]'],
    ['a filter that does not parse', 'userName eq'],
    ['an unknown operator', 'userName zz "x"'],
    ['an open parenthesis', '(userName eq "a" or title pr'],
    ['an open value filter', 'emails[type eq "work"'],
    ['a NUL in a value', 'userName eq "a\u0000@a.example"'],
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
    for (const [operation, scimType] of [
      [{ op: 'replace', path: 'nickname2', value: 'x' }, 'invalidPath'],
      [{ op: 'replace', path: 'emails[type eq "work"].bogus', value: 'x' }, 'invalidPath'],
      [{ op: 'replace', path: 'title[type eq "x"]', value: 'x' }, 'invalidPath'],
      [{ op: 'replace', path: 'emails[type eq]', value: 'x' }, 'invalidFilter'],
      [{ op: 'replace', path: 'emails[bogus eq "x"].value', value: 'x' }, 'invalidFilter'],
      [{ op: 'replace', path: 'id', value: 'un_other' }, 'mutability'],
      [{ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }, 'mutability'],
      [{ op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'x' }, 'mutability'],
      [{ op: 'replace', path: 'emails[value co "nowhere"].value', value: 'x@a.example' }, 'noTarget'],
      [{ op: 'remove' }, 'noTarget'],
      [{ op: 'replace', path: 'active', value: 'maybe' }, 'invalidValue'],
    ] as const) {
      const response = await patch(a, `/Users/${id}`, operation);
      expect([response.status, response.body]).toEqual([400, { schemas: [ERROR], status: '400', scimType, detail: expect.any(String) }]);
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

  it('publishes what it supports: ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4)', async () => {
    const config = await scim('GET', '/ServiceProviderConfig', a.adminToken);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 500 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      meta: { resourceType: 'ServiceProviderConfig', location: `${PUBLIC}/ServiceProviderConfig` },
    });
    const types = await scim('GET', '/ResourceTypes', a.adminToken);
    expect(types.body).toMatchObject({ schemas: [LIST], totalResults: 2 });
    expect(types.body.Resources).toEqual([
      expect.objectContaining({ id: 'User', endpoint: '/Users', schema: USER, schemaExtensions: [{ schema: ENTERPRISE, required: false }], meta: { resourceType: 'ResourceType', location: `${PUBLIC}/ResourceTypes/User` } }),
      expect.objectContaining({ id: 'Group', endpoint: '/Groups', schema: GROUP, schemaExtensions: [] }),
    ]);
    expect((await scim('GET', '/ResourceTypes/Group', a.adminToken)).body).toMatchObject({ id: 'Group', schema: GROUP });
    const schemas = await scim('GET', '/Schemas', a.adminToken);
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, ENTERPRISE, GROUP]);
    const user = await scim('GET', `/Schemas/${USER}`, a.adminToken);
    expect(user.body).toMatchObject({ id: USER, name: 'User', meta: { resourceType: 'Schema', location: `${PUBLIC}/Schemas/${USER}` } });
    expect(user.body.attributes.find((attribute: { name: string }) => attribute.name === 'userName')).toEqual(
      expect.objectContaining({ type: 'string', required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server' }),
    );
    expect((await scim('GET', `/Schemas?filter=${encodeURIComponent('id eq "x"')}`, a.adminToken)).status).toBe(403);
    expect((await scim('GET', '/Schemas/urn:nope', a.adminToken)).body).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  it('builds Location and meta.location on the configured public URL, never on the Host header', async () => {
    const body = JSON.stringify({ schemas: [USER], userName: 'host@a.example' });
    const answer = await new Promise<{ status: number; location?: string; body: any }>((resolve, reject) => {
      const request = http.request(`${base}/Users`, {
        method: 'POST',
        headers: { host: 'evil.example', authorization: `Bearer ${a.adminToken}`, 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(body) },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, location: response.headers.location, body: JSON.parse(text) }));
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(answer.status).toBe(201);
    expect(answer.location).toBe(`${PUBLIC}/Users/${answer.body.id}`);
    expect(answer.body.meta.location).toBe(answer.location);
    const group = await scim('POST', '/Groups', a.adminToken, { schemas: [GROUP], displayName: 'Located' });
    expect([group.status, group.location, group.body.meta.location]).toEqual([201, `${PUBLIC}/Groups/${group.body.id}`, `${PUBLIC}/Groups/${group.body.id}`]);
  });

  describe('the full filter grammar', () => {
    const users: Record<string, string> = {};
    beforeAll(async () => {
      for (const [userName, extra] of [
        ['f-ann@f.example', { title: 'Engineer', externalId: 'ext-ann', [ENTERPRISE]: { employeeNumber: 'F-1' } }],
        ['f-bob@f.example', { title: 'Designer', phoneNumbers: [{ value: '+1 555 0102', type: 'work' }] }],
        ['f-cy@other.example', { title: 'Engineering Manager' }],
        ['f-dee@f.example', {}],
      ] as const) {
        users[userName] = await createUser(f, userName, extra);
      }
      expect((await scim('DELETE', `/Users/${users['f-dee@f.example']}`, f.adminToken)).status).toBe(204);
    });

    it.each([
      ['userName eq "F-ANN@F.EXAMPLE"', ['f-ann@f.example']],
      ['USERNAME Eq "f-bob@f.example"', ['f-bob@f.example']],
      ['userName ne "f-ann@f.example" and userName sw "f-"', ['f-bob@f.example', 'f-cy@other.example', 'f-dee@f.example']],
      ['title sw "eng"', ['f-ann@f.example', 'f-cy@other.example']],
      ['title co "NEER" and not (title ew "manager")', ['f-ann@f.example']],
      ['(title eq "Engineer" or title eq "Designer") and userName ew "@f.example"', ['f-ann@f.example', 'f-bob@f.example']],
      ['emails[type eq "work" and value co "@other."]', ['f-cy@other.example']],
      ['emails.value ew "other.example"', ['f-cy@other.example']],
      ['emails co "f-bob"', ['f-bob@f.example']],
      ['phoneNumbers pr', ['f-bob@f.example']],
      ['title pr and not (phoneNumbers pr)', ['f-ann@f.example', 'f-cy@other.example']],
      ['externalId eq "ext-ann"', ['f-ann@f.example']],
      ['externalId eq "EXT-ANN"', []],
      ['active eq false', ['f-dee@f.example']],
      ['active eq "False"', ['f-dee@f.example']],
      ['meta.created gt "2000-01-01T00:00:00Z" and title eq "Designer"', ['f-bob@f.example']],
      ['meta.created lt "2000-01-01T00:00:00Z"', []],
      [`${ENTERPRISE}:employeeNumber eq "f-1"`, ['f-ann@f.example']],
      [`${USER}:userName sw "f-c"`, ['f-cy@other.example']],
      ['displayName eq "f-ann Test" or nickName eq "ann"', ['f-ann@f.example']],
    ])('filters users with %s', async (filter, expected) => {
      const found = await filtered(f, 'Users', filter);
      expect(found.status).toBe(200);
      expect(found.body.Resources.map((user: { userName: string }) => user.userName).sort()).toEqual(expected);
      expect(found.body.totalResults).toBe(expected.length);
    });

    it('filters by id, and pages the filtered list', async () => {
      const ann = users['f-ann@f.example'];
      expect((await filtered(f, 'Users', `id eq "${ann}"`)).body).toMatchObject({ totalResults: 1, Resources: [{ id: ann }] });
      expect((await filtered(f, 'Users', 'id eq "un_nobody"')).body).toMatchObject({ totalResults: 0, Resources: [] });
      const page = await filtered(f, 'Users', 'userName sw "f-"', '&startIndex=2&count=2');
      expect(page.body).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    });

    it('filters groups, members included', async () => {
      const group = await scim('POST', '/Groups', f.adminToken, { schemas: [GROUP], displayName: 'Design Team', members: [{ value: users['f-bob@f.example'] }] });
      expect((await filtered(f, 'Groups', 'displayName co "design"')).body.Resources.map((g: { id: string }) => g.id)).toEqual([group.body.id]);
      expect((await filtered(f, 'Groups', `members[value eq "${users['f-bob@f.example']}"]`)).body.Resources.map((g: { id: string }) => g.id)).toEqual([group.body.id]);
      expect((await filtered(f, 'Groups', 'displayName sw "S" or displayName sw "F"')).body.Resources.map((g: { displayName: string }) => g.displayName).sort()).toEqual(['Finance', 'Sales']);
    });
  });

  it('PATCHes the value a filtered path selects, and only that one', async () => {
    const id = await createUser(a, 'filtered@a.example', { phoneNumbers: [{ value: '+1 555 0111', type: 'work' }] });
    // a mobile number is taken and not kept: it never overwrites the work phone
    const mobile = await patch(a, `/Users/${id}`, { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0999' });
    expect(mobile.body.phoneNumbers).toEqual([{ value: '+1 555 0111', type: 'work' }]);
    const work = await patch(a, `/Users/${id}`, { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0222' }, { op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0333' });
    expect(work.body.phoneNumbers).toEqual([{ value: '+1 555 0222', type: 'work' }]);
    const email = await patch(a, `/Users/${id}`, { op: 'replace', path: 'emails[type eq "work"].value', value: 'Renamed@a.example' });
    expect(email.body).toMatchObject({ userName: 'renamed@a.example', emails: [{ value: 'renamed@a.example', type: 'work', primary: true }] });
    const ignored = await patch(a, `/Users/${id}`, { op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Berlin' }, { op: 'add', path: 'preferredLanguage', value: 'de' });
    expect(ignored.status).toBe(200);
    const removed = await patch(a, `/Users/${id}`, { op: 'remove', path: 'phoneNumbers[type eq "work"]' });
    expect(removed.body.phoneNumbers).toEqual([]);
    expect(await graph(a, `query($u: ID!) { employee(unionId: $u) { email phone } }`, { u: id })).toEqual({ employee: { email: 'renamed@a.example', phone: null } });
  });

  it('answers with the attributes asked for: id, schemas and meta always', async () => {
    const id = await createUser(a, 'projected@a.example', { title: 'Shown', [ENTERPRISE]: { employeeNumber: 'PR-1' } });
    const only = await scim('GET', `/Users/${id}?attributes=userName,emails.value,${ENTERPRISE}:employeeNumber`, a.adminToken);
    expect(only.body).toEqual({
      schemas: [USER, ENTERPRISE],
      id,
      userName: 'projected@a.example',
      emails: [{ value: 'projected@a.example' }],
      [ENTERPRISE]: { employeeNumber: 'PR-1' },
      meta: { resourceType: 'User', created: expect.any(String), location: `${PUBLIC}/Users/${id}` },
    });
    const without = await scim('GET', `/Users/${id}?excludedAttributes=emails,title,meta,id,${ENTERPRISE}`, a.adminToken);
    expect(without.body).toMatchObject({ id, userName: 'projected@a.example', meta: { resourceType: 'User' } });
    expect(Object.keys(without.body)).not.toEqual(expect.arrayContaining(['emails']));
    expect(without.body.title).toBeUndefined();
    expect(without.body[ENTERPRISE]).toBeUndefined();
    const listed = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "projected@a.example"')}&attributes=displayName`, a.adminToken);
    expect(listed.body.Resources).toEqual([{ schemas: [USER, ENTERPRISE], id, displayName: 'projected Test', meta: expect.any(Object) }]);
    const patched = await patch(a, `/Users/${id}?attributes=title`, { op: 'replace', path: 'title', value: 'Changed' });
    expect(patched.body).toEqual({ schemas: [USER, ENTERPRISE], id, title: 'Changed', meta: expect.any(Object) });
    const groups = await scim('GET', '/Groups?attributes=displayName', a.adminToken);
    expect(groups.body.Resources.every((group: Record<string, unknown>) => Object.keys(group).sort().join() === 'displayName,id,meta,schemas')).toBe(true);
    expect((await scim('GET', `/Users/${id}?attributes=nickname2`, a.adminToken)).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('searches with POST .search', async () => {
    const found = await scim('POST', '/Users/.search', a.adminToken, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "projected@a.example"',
      attributes: ['userName'],
      startIndex: 1,
      count: 10,
    });
    expect(found.body).toMatchObject({ schemas: [LIST], totalResults: 1, Resources: [{ userName: 'projected@a.example' }] });
    expect(found.body.Resources[0].title).toBeUndefined();
  });

  describe('as Okta provisions', () => {
    it('creates a user with the enterprise extension, finds it by userName, deactivates it, and manages a group', async () => {
      // the bodies Okta's SCIM 2.0 client sends (Okta's SCIM guide), with the enterprise extension mapped
      const created = await scim('POST', '/Users', b.adminToken, {
        schemas: [USER, ENTERPRISE],
        userName: 'okta.user@b.example',
        name: { givenName: 'Okta', familyName: 'User' },
        emails: [{ primary: true, value: 'okta.user@b.example', type: 'work' }],
        displayName: 'Okta User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
        [ENTERPRISE]: { employeeNumber: 'OK-1', department: 'Sales' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ userName: 'okta.user@b.example', displayName: 'Okta User', externalId: '00ujl29u0le5T6Aj10h7', active: true, [ENTERPRISE]: { employeeNumber: 'OK-1', department: 'sales' } });
      expect(created.body.password).toBeUndefined();
      const id = created.body.id as string;

      const found = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "okta.user@b.example"')}&startIndex=1&count=100`, b.adminToken);
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

      const deactivated = await patch(b, `/Users/${id}`, { op: 'replace', value: { active: false } });
      expect(deactivated.body).toMatchObject({ id, active: false });
      expect(await graph(b, `query($u: ID!) { employee(unionId: $u) { status } }`, { u: id })).toEqual({ employee: { status: 'LEFT' } });
      await patch(b, `/Users/${id}`, { op: 'replace', value: { active: true } });

      const other = await createUser(b, 'okta.other@b.example');
      const group = await scim('POST', '/Groups', b.adminToken, { schemas: [GROUP], displayName: 'Okta Group', members: [] });
      expect(group.status).toBe(201);
      const groupId = group.body.id as string;
      const added = await patch(b, `/Groups/${groupId}`, { op: 'add', path: 'members', value: [{ value: id, display: 'okta.user@b.example' }, { value: other, display: 'okta.other@b.example' }] });
      expect(added.body.members.map((member: { value: string }) => member.value).sort()).toEqual([id, other].sort());
      const removed = await patch(b, `/Groups/${groupId}`, { op: 'remove', path: `members[value eq "${other}"]` });
      expect(removed.body.members).toEqual([{ value: id, display: 'Okta User', $ref: `${PUBLIC}/Users/${id}`, type: 'User' }]);
      const renamed = await patch(b, `/Groups/${groupId}`, { op: 'replace', value: { id: groupId, displayName: 'Okta Group Renamed' } });
      expect(renamed.body).toMatchObject({ id: groupId, displayName: 'Okta Group Renamed' });
      expect(await graph(b, `query($u: ID!) { employee(unionId: $u) { departments { id } } }`, { u: other })).toEqual({ employee: { departments: [] } });
    });
  });

  describe('as Microsoft Entra ID provisions', () => {
    it('creates a user with the enterprise extension, finds it by userName, PATCHes it the Entra way, and manages group members', async () => {
      const manager = await createUser(b, 'entra.manager@b.example');
      // the bodies Entra's provisioning service sends (Microsoft's SCIM endpoint guide)
      const created = await scim('POST', '/Users', b.adminToken, {
        schemas: [USER, ENTERPRISE],
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        userName: 'Entra.User@b.example',
        active: true,
        emails: [{ primary: true, type: 'work', value: 'Entra.User@b.example' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Entra User', familyName: 'User', givenName: 'Entra' },
        phoneNumbers: [
          { type: 'work', value: '+1 555 0123' },
          { type: 'mobile', value: '+1 555 0124' },
        ],
        addresses: [{ type: 'work', locality: 'Redmond', country: 'US' }],
        roles: [],
        [ENTERPRISE]: { employeeNumber: 'EN-1', department: 'Finance' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ userName: 'entra.user@b.example', displayName: 'Entra User', phoneNumbers: [{ value: '+1 555 0123', type: 'work' }], [ENTERPRISE]: { department: 'finance' } });
      const id = created.body.id as string;

      const found = await filtered(b, 'Users', 'userName eq "Entra.User@b.example"');
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

      const updated = await patch(
        b,
        `/Users/${id}`,
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'entra.renamed@b.example' },
        { op: 'Replace', path: 'name.familyName', value: 'Renamed' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0125' },
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: manager },
        { op: 'Add', path: 'title', value: 'Analyst' },
      );
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ userName: 'entra.renamed@b.example', title: 'Analyst', phoneNumbers: [{ value: '+1 555 0123', type: 'work' }], [ENTERPRISE]: { manager: { value: manager } } });
      const deactivated = await patch(b, `/Users/${id}`, { op: 'Replace', path: 'active', value: 'False' });
      expect(deactivated.body).toMatchObject({ active: false });
      expect(await graph(b, `query($u: ID!) { employee(unionId: $u) { email status manager { unionId } } }`, { u: id })).toEqual({
        employee: { email: 'entra.renamed@b.example', status: 'LEFT', manager: { unionId: manager } },
      });
      await patch(b, `/Users/${id}`, { op: 'Replace', path: 'active', value: 'True' });

      const group = await scim('POST', '/Groups', b.adminToken, {
        schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Entra Group',
        meta: { resourceType: 'Group' },
      });
      expect(group.status).toBe(201);
      const groupId = group.body.id as string;
      expect((await scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Entra Group"')}`, b.adminToken)).body).toMatchObject({ totalResults: 1, Resources: [{ id: groupId }] });
      const membership = () => filtered(b, 'Groups', `id eq "${groupId}" and members[value eq "${id}"]`, '&excludedAttributes=members');
      expect((await membership()).body.totalResults).toBe(0);
      await patch(b, `/Groups/${groupId}`, { op: 'Add', path: 'members', value: [{ $ref: null, value: id }] });
      expect((await membership()).body).toEqual({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ schemas: [GROUP], id: groupId, displayName: 'Entra Group', meta: expect.any(Object) }] });
      await patch(b, `/Groups/${groupId}`, { op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] });
      expect((await membership()).body.totalResults).toBe(0);
    });
  });
});
