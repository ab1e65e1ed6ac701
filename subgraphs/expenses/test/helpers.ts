import { seedCorp, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import type { GraphQLResponse } from '@corphub/module-kit/testing';

/** A corp with a manager chain (CEO → head → lead → claimant) and two finance people, built through the graph. */
export interface Org {
  corp: SeededCorp;
  ids: Record<'ceo' | 'head' | 'lead' | 'claimant' | 'peer' | 'fin1' | 'fin2', string>;
  tokens: Record<'ceo' | 'head' | 'lead' | 'claimant' | 'peer' | 'fin1' | 'fin2' | 'admin', string>;
}

async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

export async function seedOrg(hub: TestHub, corpId: string): Promise<Org> {
  const names = ['Carol CEO', 'Hank Head', 'Lena Lead', 'Cody Claimant', 'Pete Peer', 'Fiona Finance', 'Frank Finance'];
  const corp = await seedCorp(hub, corpId, names);
  const [ceo, head, lead, claimant, peer, fin1, fin2] = corp.people.map((person) => person.unionId);
  const admin = corp.adminToken;
  await must(hub.request(`mutation { createDepartment(input: { id: "sales", name: "Sales" }) { id } }`, { token: admin }), 'department');
  await must(hub.request(`mutation { createDepartment(input: { id: "finance", name: "Finance" }) { id } }`, { token: admin }), 'department');
  await must(hub.request(`mutation { createTag(input: { name: "finance" }) { name } }`, { token: admin }), 'tag');
  const hire = (unionId: string, displayName: string, input: Record<string, unknown>) =>
    must(hub.request(`mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { unionId } }`, { token: admin, variables: { input: { unionId, displayName, ...input } } }), `hire ${displayName}`);
  await hire(ceo, names[0], { departmentIds: ['sales'] });
  await hire(head, names[1], { departmentIds: ['sales'], managerUnionId: ceo });
  await hire(lead, names[2], { departmentIds: ['sales'], managerUnionId: head });
  await hire(claimant, names[3], { departmentIds: ['sales'], managerUnionId: lead });
  await hire(peer, names[4], { departmentIds: ['sales'], managerUnionId: lead });
  await hire(fin1, names[5], { departmentIds: ['finance'], managerUnionId: ceo, tags: ['finance'] });
  await hire(fin2, names[6], { departmentIds: ['finance'], managerUnionId: ceo, tags: ['finance'] });
  const employee = (union: string) => hub.token({ corp: corpId, role: Role.EMPLOYEE, union });
  return {
    corp,
    ids: { ceo, head, lead, claimant, peer, fin1, fin2 },
    tokens: {
      admin,
      ceo: await employee(ceo),
      head: await employee(head),
      lead: await employee(lead),
      claimant: await employee(claimant),
      peer: await employee(peer),
      fin1: await employee(fin1),
      fin2: await employee(fin2),
    },
  };
}

export const CLAIM_FIELDS = /* GraphQL */ `id status version currentStep title
  items { category amount { amountMinor currency amount } incurredOn merchant invoice { id kind } }
  total { amountMinor currency amount } totals { amountMinor currency amount }
  steps { position role mode status approvers { approverUnionId decision } }
  history { action actor comment version }`;

export const CREATE = /* GraphQL */ `mutation($input: ClaimInput!) { createExpenseClaim(input: $input) { ${CLAIM_FIELDS} } }`;
export const UPDATE = /* GraphQL */ `mutation($id: ID!, $v: Int!, $input: ClaimInput!) { updateExpenseClaim(claimId: $id, version: $v, input: $input) { ${CLAIM_FIELDS} } }`;
export const SUBMIT = /* GraphQL */ `mutation($id: ID!, $v: Int!) { submitClaim(claimId: $id, version: $v) { ${CLAIM_FIELDS} } }`;
export const APPROVE = /* GraphQL */ `mutation($id: ID!, $v: Int!, $c: String) { approveClaim(claimId: $id, version: $v, comment: $c) { ${CLAIM_FIELDS} } }`;
export const REJECT = /* GraphQL */ `mutation($id: ID!, $v: Int!, $c: String!) { rejectClaim(claimId: $id, version: $v, comment: $c) { ${CLAIM_FIELDS} } }`;
export const SEND_BACK = /* GraphQL */ `mutation($id: ID!, $v: Int!, $c: String!) { sendBackClaim(claimId: $id, version: $v, comment: $c) { ${CLAIM_FIELDS} } }`;
export const WITHDRAW = /* GraphQL */ `mutation($id: ID!, $v: Int!) { withdrawClaim(claimId: $id, version: $v) { ${CLAIM_FIELDS} } }`;
export const PAID = /* GraphQL */ `mutation($id: ID!, $v: Int!, $ref: String!) { markClaimPaid(claimId: $id, version: $v, paymentReference: $ref) { ${CLAIM_FIELDS} paymentReference } }`;
export const GET = /* GraphQL */ `query($id: ID!) { expenseClaim(id: $id) { ${CLAIM_FIELDS} } }`;

export const item = (overrides: Record<string, unknown> = {}) => ({ category: 'travel', amount: '128.50', currency: 'CNY', incurredOn: '2026-11-02', merchant: 'China Eastern', ...overrides });

export { must };
