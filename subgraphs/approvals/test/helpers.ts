import { createDepartments, hire, seedCorp, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import type { GraphQLResponse } from '@corphub/module-kit/testing';

export async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

const PEOPLE = { ceo: 'Carol CEO', head: 'Hank Head', lead: 'Lena Lead', asker: 'Ann Asker', peer: 'Pete Peer', fin1: 'Fiona Finance', fin2: 'Frank Finance' };
export type Person = keyof typeof PEOPLE;

/** A corp with a chain CEO → head → lead → asker (and peer), two finance people (tag `finance`, title `Controller`). */
export interface Org {
  corp: SeededCorp;
  ids: Record<Person, string>;
  tokens: Record<Person | 'admin', string>;
  /** The `expenses` app's own token (installed by seedCorp): what a module asks with. */
  app: string;
}

export async function seedOrg(hub: TestHub, corpId: string): Promise<Org> {
  const corp = await seedCorp(hub, corpId);
  await createDepartments(hub, corp, [
    ['sales', 'Sales', null],
    ['finance', 'Finance', null],
  ]);
  await must(hub.request(`mutation { createTag(input: { name: "finance" }) { name } }`, { token: corp.adminToken }), 'tag');
  const sales = (managerUnionId?: string) => ({ departmentIds: ['sales'], managerUnionId });
  const ceo = await hire(hub, corp, PEOPLE.ceo, sales());
  const head = await hire(hub, corp, PEOPLE.head, sales(ceo));
  const lead = await hire(hub, corp, PEOPLE.lead, sales(head));
  const finance = { departmentIds: ['finance'], managerUnionId: ceo, tags: ['finance'], title: 'Controller' };
  const ids: Record<Person, string> = {
    ceo,
    head,
    lead,
    asker: await hire(hub, corp, PEOPLE.asker, sales(lead)),
    peer: await hire(hub, corp, PEOPLE.peer, sales(lead)),
    fin1: await hire(hub, corp, PEOPLE.fin1, finance),
    fin2: await hire(hub, corp, PEOPLE.fin2, finance),
  };
  const tokens = { admin: corp.adminToken } as Org['tokens'];
  for (const person of Object.keys(PEOPLE) as Person[]) tokens[person] = await hub.token({ corp: corpId, role: Role.EMPLOYEE, union: ids[person] });
  return { corp, ids, tokens, app: await hub.token({ corp: corpId, role: Role.VENDOR, app: 'expenses' }) };
}

export const APPROVAL_FIELDS = /* GraphQL */ `id appId subjectType subjectId title summary status version currentStep
  requester { unionId } amount { amountMinor currency amount }
  steps { position kind label quorum status approvers { approver { unionId } decision waiting } }
  history { action actor comment transferredTo version }`;

export const REQUEST = /* GraphQL */ `mutation($input: RequestApprovalInput!) { requestApproval(input: $input) { ${APPROVAL_FIELDS} } }`;
export const DECIDE = /* GraphQL */ `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { ${APPROVAL_FIELDS} } }`;
export const WITHDRAW = /* GraphQL */ `mutation($id: ID!, $v: Int!, $r: String) { withdrawApproval(id: $id, version: $v, reason: $r) { ${APPROVAL_FIELDS} } }`;
export const GET = /* GraphQL */ `query($id: ID!) { approvalRequest(id: $id) { ${APPROVAL_FIELDS} } }`;
export const INBOX = /* GraphQL */ `query($first: Int) { me { pendingApprovals(first: $first) { totalCount nodes { id title appId subjectType subjectId status } } } }`;

let subjects = 0;
/** A request input for the asker, with the given steps. */
export function ask(org: Org, steps: Record<string, unknown>[], more: Record<string, unknown> = {}) {
  subjects += 1;
  return { subjectType: 'ExpenseClaim', subjectId: `claim-${subjects}`, requesterUnionId: org.ids.asker, title: `Trip ${subjects}`, steps, ...more };
}
