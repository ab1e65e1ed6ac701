import { Role, type AuthContext } from '@corphub/module-kit';
import { startTestModule, type TestModule } from '@corphub/module-kit/testing';
import { okr } from '../src';

export const QUARTER = '2026-Q4';

/** The module on a test database of its own, answering requests as the gateway sends them. */
export function startModule(): Promise<TestModule> {
  return startTestModule(okr);
}

/** A caller of a corp that installed the module, as the gateway verified them. */
export function caller(corpId: string, role: Role = Role.ADMIN, unionId?: string): AuthContext {
  return { subject: unionId ?? `${role}:${corpId}`, corpId, role, unionId, modules: ['okr'] };
}

/** The SQL statements the module ran for `run`. */
export async function statementsDuring(testModule: TestModule, run: () => Promise<unknown>): Promise<number> {
  return (await testModule.queries.during(run))[okr.name] ?? 0;
}

/** The writes among the module's statements since its counter was last reset. */
export function writesOf(testModule: TestModule): string[] {
  return testModule.queries.statementsOf(okr.name).filter((sql) => /^\s*(insert|update|delete)\b/i.test(sql));
}

/** How the gateway asks a module for the fields it adds to employees: `_entities` with their UnionIDs. */
export const EMPLOYEES = /* GraphQL */ `
  query($representations: [_Any!]!, $quarter: String!) {
    _entities(representations: $representations) {
      ... on Employee { unionId objectives(quarter: $quarter) { title keyResults { title progress } } }
    }
  }
`;

export const employees = (...unionIds: string[]) => unionIds.map((unionId) => ({ __typename: 'Employee', unionId }));

export async function addObjective(testModule: TestModule, auth: AuthContext, input: { ownerUnionId?: string; title: string; quarter?: string }): Promise<string> {
  const created = await testModule.request(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id } }`, {
    auth,
    variables: { input: { quarter: QUARTER, ...input } },
  });
  if (created.errors) throw new Error(`createObjective: ${JSON.stringify(created.errors)}`);
  return created.data!.createObjective.id as string;
}

export async function addKeyResult(testModule: TestModule, auth: AuthContext, objectiveId: string, title: string): Promise<string> {
  const added = await testModule.request(`mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { id } }`, { auth, variables: { input: { objectiveId, title } } });
  if (added.errors) throw new Error(`addKeyResult: ${JSON.stringify(added.errors)}`);
  return added.data!.addKeyResult.id as string;
}
