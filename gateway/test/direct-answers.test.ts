import { composeServices } from '@apollo/composition';
import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { identity } from '@corphub/identity';
import { errorCodes } from '@corphub/module-kit/testing';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { directFetchOf } from '../src/direct-answers';
import { dashboard } from './fixtures/dashboard-subgraph';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const PEOPLE = parse(`${LINK}
  type Query { people(first: Int!): [Person!]! thing: Thing }
  type Mutation { rename(id: ID!, name: String!): Person }
  type Person @key(fields: "id") { id: ID! name: String! friends: [Person!]! }
  union Thing = Person | Robot
  type Robot { model: String! }`);
const LOGS = parse(`${LINK}
  type Person @key(fields: "id") { id: ID! lastLog: String }`);

describe('which plans are answered as their one fetch came (directFetchOf)', () => {
  const { supergraphSdl, errors } = composeServices([
    { name: 'people', typeDefs: PEOPLE, url: 'http://people.invalid' },
    { name: 'logs', typeDefs: LOGS, url: 'http://logs.invalid' },
  ]);
  const supergraph = Supergraph.build(supergraphSdl!);
  const planner = new QueryPlanner(supergraph);
  const apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
  const plannedFetch = (query: string) => {
    const document = parse(query);
    const plan = planner.buildQueryPlan(operationFromDocument(supergraph.schema, document));
    return directFetchOf(plan, buildOperationContext({ schema: apiSchema, operationDocument: document }));
  };

  it('composes', () => expect(errors).toBeUndefined());

  it('takes a query one subgraph answers in one fetch, with aliases, variables and @include', () => {
    expect(plannedFetch('{ people(first: 2) { id name friends { name } } }')?.fetch.serviceName).toBe('people');
    expect(plannedFetch('query($n: Int!, $deep: Boolean!) { first: people(first: $n) { who: name friends @include(if: $deep) { name } } }')?.fetch.serviceName).toBe('people');
  });

  it('leaves every other plan to Apollo', () => {
    // two subgraphs
    expect(plannedFetch('{ people(first: 2) { name lastLog } }')).toBeNull();
    // fragments, __typename (shaping rewrites it for interface objects), abstract types the planner adds __typename to
    expect(plannedFetch('{ people(first: 2) { ...F } } fragment F on Person { name }')).toBeNull();
    expect(plannedFetch('{ people(first: 2) { __typename name } }')).toBeNull();
    expect(plannedFetch('{ thing { ... on Robot { model } } }')).toBeNull();
    // the root __typename and introspection are answered by the gateway itself
    expect(plannedFetch('{ __typename people(first: 1) { name } }')).toBeNull();
    // mutations
    expect(plannedFetch('mutation { rename(id: "1", name: "Ada") { name } }')).toBeNull();
  });
});

describe('answers of one-fetch plans through the gateway', () => {
  let hub: TestHub;
  let admin: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, dashboard], label: 'direct' });
    const corp = await seedCorp(hub, 'acme', ['Ada', 'Grace']);
    admin = corp.adminToken;
    for (const [i, person] of corp.people.entries()) {
      const added = await hub.request(`mutation($u: ID!, $t: String!) { addMember(departmentId: "sales", unionId: $u, title: $t, lateCount: 0) }`, {
        token: admin,
        variables: { u: person.unionId, t: `Title ${i}` },
      });
      expect(added.errors).toBeUndefined();
    }
  });
  afterAll(() => hub?.stop());

  it('keeps aliases, variables, @skip and @include, and nulls as the caller asked', async () => {
    const query = /* GraphQL */ `query($first: Int!, $count: Boolean!, $ids: Boolean!) {
      sales: department(id: "sales") { label: name members(first: $first) { n: totalCount @include(if: $count) edges { node { unionId @skip(if: $ids) } } } }
      nowhere: department(id: "nowhere") { name }
    }`;
    const withAll = await hub.request(query, { token: admin, variables: { first: 1, count: true, ids: false } });
    expect(withAll.errors).toBeUndefined();
    expect(withAll.data).toEqual({ sales: { label: 'Sales', members: { n: 2, edges: [{ node: { unionId: expect.stringMatching(/^un_/) } }] } }, nowhere: null });
    expect(Object.keys(withAll.data as object)).toEqual(['sales', 'nowhere']);
    const without = await hub.request(query, { token: admin, variables: { first: 2, count: false, ids: true } });
    expect(without.data).toEqual({ sales: { label: 'Sales', members: { edges: [{ node: {} }, { node: {} }] } }, nowhere: null });
  });

  it('answers a page of people from identity alone, the same as with __typename asked (which Apollo shapes)', async () => {
    const direct = await hub.request('{ people(first: 10) { nodes { unionId displayName } } }', { token: admin });
    const shaped = await hub.request('{ people(first: 10) { nodes { __typename unionId displayName } } }', { token: admin });
    expect(direct.errors).toBeUndefined();
    const nodes = (direct.data as { people: { nodes: { unionId: string; displayName: string }[] } }).people.nodes;
    expect(nodes.map((node) => node.displayName).sort()).toEqual(['Ada', 'Grace']);
    expect(shaped.data).toEqual({ people: { nodes: nodes.map((node) => ({ __typename: 'Person', ...node })) } });
  });

  it('leaves an answer with errors to Apollo: its null propagation and the subgraph code', async () => {
    const response = await hub.request('{ me { role } openId(unionId: "un_nobody", appId: "nope") }', { token: admin });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors?.[0]).toMatchObject({ path: ['openId'], extensions: { serviceName: 'identity' } });
  });
});
