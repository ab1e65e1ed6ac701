import { Role } from '@corphub/module-kit';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { APPROVE, CREATE, GET, item, must, seedOrg, SUBMIT, type Org } from './helpers';

const DECIDE = /* GraphQL */ `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { id status version currentStep } }`;
const INBOX = /* GraphQL */ `{ me { pendingApprovals(first: 20) { totalCount nodes { appId subjectType subjectId title expenseClaim { id title status total { amount currency } claimant { displayName } } } } } }`;

// expenses on the approvals service: what happens outside approveClaim and friends (runs on SQLite, and on PostgreSQL with DATABASE_URL)
describe('expenses: claims through the approvals service', () => {
  let hub: TestHub;
  let org: Org;
  let other: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'expenses_approvals' });
    org = await seedOrg(hub, 'corp-a');
    other = await seedOrg(hub, 'corp-b');
  });
  afterAll(() => hub?.stop());

  const submitted = async (title: string) => {
    const created = (await must(hub.request(CREATE, { token: org.tokens.claimant, variables: { input: { title, items: [item()] } } }), 'create')).createExpenseClaim;
    return (await must(hub.request(`mutation($id: ID!, $v: Int!) { submitClaim(claimId: $id, version: $v) { id version approval { id version status appId subjectType subjectId } } }`, { token: org.tokens.claimant, variables: { id: created.id, v: 1 } }), 'submit')).submitClaim;
  };
  const claimOf = async (id: string) => (await must(hub.request(GET, { token: org.tokens.claimant, variables: { id } }), 'get')).expenseClaim;

  it('asks the approvals service on submit; the request names the claim and links to it', async () => {
    const claim = await submitted('Shanghai fair');
    expect(claim.approval).toEqual({ id: expect.any(String), version: 1, status: 'PENDING', appId: 'expenses', subjectType: 'ExpenseClaim', subjectId: claim.id });
    const request = (await must(hub.request(`query($id: ID!) { approvalRequest(id: $id) { title summary amount { amount currency } steps { kind label quorum approvers { approver { unionId } } } } }`, { token: org.tokens.claimant, variables: { id: claim.approval.id } }), 'request')).approvalRequest;
    expect(request).toEqual({
      title: 'Shanghai fair',
      summary: 'Expense claim: 128.50 CNY',
      amount: { amount: '128.50', currency: 'CNY' },
      steps: [
        { kind: 'MANAGER_CHAIN', label: 'Manager (level 1)', quorum: 'ANY', approvers: [{ approver: { unionId: org.ids.lead } }] },
        { kind: 'MANAGER_CHAIN', label: 'Manager (level 2)', quorum: 'ANY', approvers: [{ approver: { unionId: org.ids.head } }] },
        { kind: 'TAG', label: 'Tag: finance', quorum: 'ANY', approvers: expect.arrayContaining([{ approver: { unionId: org.ids.fin1 } }, { approver: { unionId: org.ids.fin2 } }]) },
      ],
    });
  });

  it('follows decisions made in the one inbox: the claim catches up, and approves once the request does', async () => {
    const claim = await submitted('Decided in the inbox');
    const approvalId = claim.approval.id as string;
    // the lead decides in the inbox, not through approveClaim
    expect((await must(hub.request(DECIDE, { token: org.tokens.lead, variables: { input: { id: approvalId, version: 1, decision: 'APPROVE' } } }), 'lead')).decideApproval).toMatchObject({ status: 'PENDING', currentStep: 1 });
    // the claim shows the request's steps as they are now
    expect(await claimOf(claim.id)).toMatchObject({ status: 'SUBMITTED', currentStep: 1, version: 2 });
    // approveClaim at the version the head read is CONFLICT: the claim catches up with the lead's decision first
    const stale = await hub.request(APPROVE, { token: org.tokens.head, variables: { id: claim.id, v: 2 } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 3 });
    const caughtUp = await claimOf(claim.id);
    expect(caughtUp.history.map((event: { action: string; actor: string; version: number }) => [event.action, event.actor, event.version])).toEqual([
      ['CREATED', org.ids.claimant, 1],
      ['SUBMITTED', org.ids.claimant, 2],
      ['APPROVED', org.ids.lead, 3],
    ]);
    const byHead = (await must(hub.request(APPROVE, { token: org.tokens.head, variables: { id: claim.id, v: 3 } }), 'head')).approveClaim;
    expect(byHead).toMatchObject({ status: 'SUBMITTED', currentStep: 2, version: 4 });
    // finance approves in the inbox: the last step, so the request is APPROVED and expenses hears it (approval.decided, followed)
    expect((await must(hub.request(DECIDE, { token: org.tokens.fin2, variables: { input: { id: approvalId, version: 3, decision: 'APPROVE', comment: 'ok' } } }), 'finance')).decideApproval.status).toBe('APPROVED');
    await waitFor('the claim to follow its request', async () => (await claimOf(claim.id)).status === 'APPROVED', 15_000);
    const approved = await claimOf(claim.id);
    expect(approved).toMatchObject({ status: 'APPROVED', currentStep: null, version: 5 });
    expect(approved.history.at(-1)).toEqual({ action: 'APPROVED', actor: org.ids.fin2, comment: 'ok', version: 5 });
    expect(approved.steps.map((step: { role: string; status: string }) => [step.role, step.status])).toEqual([
      ['MANAGER', 'APPROVED'],
      ['MANAGER', 'APPROVED'],
      ['FINANCE', 'APPROVED'],
    ]);
  });

  it('sends a claim back to DRAFT when the inbox does, and the claimant may submit again', async () => {
    const claim = await submitted('Sent back in the inbox');
    await must(hub.request(DECIDE, { token: org.tokens.lead, variables: { input: { id: claim.approval.id, version: 1, decision: 'SEND_BACK', comment: 'Add the hotel' } } }), 'send back');
    await waitFor('the claim to follow its request', async () => (await claimOf(claim.id)).status === 'DRAFT', 15_000);
    const back = await claimOf(claim.id);
    expect(back).toMatchObject({ status: 'DRAFT', version: 3, steps: [], currentStep: null });
    expect(back.history.at(-1)).toEqual({ action: 'SENT_BACK', actor: org.ids.lead, comment: 'Add the hotel', version: 3 });
    const again = (await must(hub.request(SUBMIT, { token: org.tokens.claimant, variables: { id: claim.id, v: 3 } }), 'resubmit')).submitClaim;
    expect(again).toMatchObject({ status: 'SUBMITTED', version: 4, currentStep: 0 });
  });

  it('lists claims in the one inbox with the claim resolved through federation, for the approver only', async () => {
    const claim = await submitted('In the one inbox');
    const inbox = (await must(hub.request(INBOX, { token: org.tokens.lead }), 'inbox')).me.pendingApprovals;
    expect(inbox.nodes).toContainEqual({
      appId: 'expenses',
      subjectType: 'ExpenseClaim',
      subjectId: claim.id,
      title: 'In the one inbox',
      expenseClaim: { id: claim.id, title: 'In the one inbox', status: 'SUBMITTED', total: { amount: '128.50', currency: 'CNY' }, claimant: { displayName: 'Cody Claimant' } },
    });
    // the head decides later: not theirs yet; another corp's lead sees nothing of it
    for (const token of [org.tokens.head, org.tokens.peer, other.tokens.lead, other.tokens.admin]) {
      const nodes = (await must(hub.request(INBOX, { token }), 'inbox')).me.pendingApprovals.nodes as { subjectId: string }[];
      expect(nodes.map((node) => node.subjectId)).not.toContain(claim.id);
    }
  });

  it('refuses onBehalfOf to anyone but the hub module that asked', async () => {
    const claim = await submitted('Not on their behalf');
    const input = { id: claim.approval.id, version: 1, decision: 'APPROVE', onBehalfOf: org.ids.lead };
    // a person, the expenses app's own vendor token, another corp's person
    const vendor = await hub.token({ corp: 'corp-a', role: Role.VENDOR, app: 'expenses' });
    expect(errorCodes(await hub.request(DECIDE, { token: org.tokens.head, variables: { input } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(DECIDE, { token: vendor, variables: { input } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(DECIDE, { token: other.tokens.lead, variables: { input: { ...input, onBehalfOf: undefined } } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(DECIDE, { token: org.tokens.lead, variables: { input: { ...input, onBehalfOf: 'x'.repeat(65) } } }))).toEqual(['BAD_USER_INPUT']);
    const after = await must(hub.request(`query($id: ID!) { expenseClaim(id: $id) { version approval { version status } } }`, { token: org.tokens.claimant, variables: { id: claim.id } }), 'after');
    expect(after.expenseClaim).toEqual({ version: 2, approval: { version: 1, status: 'PENDING' } });
  });
});
