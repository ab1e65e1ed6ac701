import { identity, Person } from '@corphub/identity';
import { directory, Department } from '@corphub/directory';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';

/** Strings no database stores (PostgreSQL refuses NUL in text), and a name of white space only. */
describe('text input refused cleanly, through the gateway', () => {
  let hub: TestHub;
  let acme: SeededCorp;
  const rows = async () => ({
    people: await hub.subgraphs.identity.orm.em.fork().count(Person, {}, { filters: false }),
    departments: await hub.subgraphs.directory.orm.em.fork().count(Department, {}, { filters: false }),
  });
  const addPerson = (displayName: string) =>
    hub.request(`mutation($name: String!) { addPerson(input: { displayName: $name }) { unionId } }`, { token: acme.adminToken, variables: { name: displayName } });
  const createDepartment = (name: string) =>
    hub.request(`mutation($name: String!) { createDepartment(input: { name: $name }) { id } }`, { token: acme.adminToken, variables: { name } });
  const refusal = (response: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) => ({
    code: response.errors?.[0].extensions?.code,
    message: response.errors?.[0].message,
  });

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, directory], label: 'input_text' });
    acme = await seedCorp(hub, 'acme', ['Ada Admin']);
  });
  afterAll(() => hub?.stop());

  it.each([
    ['addPerson', 'a NUL', 'Ada\u0000Lovelace', 'input.displayName must not contain a NUL character (U+0000)'],
    ['addPerson', 'a lone surrogate', 'Ada \uD800', 'input.displayName must not contain a lone UTF-16 surrogate'],
    ['addPerson', 'white space only', '   ', 'displayName must not be blank (white space only)'],
    ['addPerson', 'a no-break and a zero-width space only', '\u00A0\u200B', 'displayName must not be blank (white space only)'],
    ['createDepartment', 'a NUL', 'Sales\u0000', 'input.name must not contain a NUL character (U+0000)'],
    ['createDepartment', 'a lone surrogate', '\uDC00Sales', 'input.name must not contain a lone UTF-16 surrogate'],
    ['createDepartment', 'white space only', '   ', 'name must not be blank (white space only)'],
  ] as const)("refuses %s's name with %s (variables) as BAD_USER_INPUT naming the field, writing nothing", async (mutation, _what, name, message) => {
    const before = await rows();
    const response = await (mutation === 'addPerson' ? addPerson : createDepartment)(name);
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining(message) });
    expect(response.data).toBeNull();
    expect(await rows()).toEqual(before);
  });

  it('refuses a NUL in an inline literal, escaped or raw, the same way', async () => {
    const before = await rows();
    for (const literal of ['"Ada\\u0000"', '"Ada\u0000"']) {
      const person = await hub.request(`mutation { addPerson(input: { displayName: ${literal} }) { unionId } }`, { token: acme.adminToken });
      expect(refusal(person)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('input.displayName must not contain a NUL character') });
      const department = await hub.request(`mutation { createDepartment(input: { name: ${literal} }) { id } }`, { token: acme.adminToken });
      expect(refusal(department)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('input.name must not contain a NUL character') });
    }
    expect(await rows()).toEqual(before);
  });

  it('refuses a lone surrogate in an inline literal, escaped or raw, as a parse error at the gateway', async () => {
    const before = await rows();
    // GraphQL's grammar allows Unicode scalar values only: the gateway's parser refuses the document, no subgraph is called
    for (const literal of ['"Ada\\uD800"', '"Ada\uD800"']) {
      const response = await hub.request(`mutation { addPerson(input: { displayName: ${literal} }) { unionId } }`, { token: acme.adminToken });
      expect(refusal(response)).toEqual({ code: 'GRAPHQL_PARSE_FAILED', message: expect.stringMatching(/^Syntax Error: Invalid (Unicode escape sequence|character within String)/) });
    }
    expect(await rows()).toEqual(before);
  });

  it('names the path of a string inside a list of an input', async () => {
    const bo = await addPerson('Bo Li');
    const response = await hub.request(`mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { unionId } }`, {
      token: acme.adminToken,
      variables: { input: { unionId: bo.data!.addPerson.unionId, displayName: 'Bo Li', tags: ['ok', 'bad\u0000'] } },
    });
    expect(refusal(response)).toEqual({ code: 'BAD_USER_INPUT', message: 'Invalid input: input.tags[1] must not contain a NUL character (U+0000)' });
  });

  it('accepts names with letters outside the BMP (surrogate pairs) and inner spaces', async () => {
    const response = await addPerson('Ada 🚀 Lovelace');
    expect(response.errors).toBeUndefined();
    expect((await createDepartment('  Research  ')).errors).toBeUndefined();
  });
});
