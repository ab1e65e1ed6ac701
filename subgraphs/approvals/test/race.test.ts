import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { OutboxMessage, scopeToCorp } from '@corphub/module-kit';
import type { EntityName } from '@mikro-orm/core';
import { ApprovalApprover, ApprovalEvent, ApprovalRequest, ApprovalStep } from '../src/approvals/approval.entity';
import { ask, DECIDE, GET, must, REQUEST, seedOrg, type Org } from './helpers';

// runs on SQLite, and on PostgreSQL when DATABASE_URL is set (npm test both ways)
describe('approvals: 100 concurrent decisions on one step', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'approvals_race' });
    org = await seedOrg(hub, 'corp-a');
  });
  afterAll(() => hub?.stop());

  it('lets exactly one decision win; the others are CONFLICT and the history shows one', async () => {
    const input = ask(org, [{ kind: 'TAG', tag: 'finance', quorum: 'ANY' }]);
    const asked = (await must(hub.request(REQUEST, { token: org.app, variables: { input } }), 'request')).requestApproval;
    const decisions = ['APPROVE', 'REJECT', 'SEND_BACK'];
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        hub.request(DECIDE, { token: i % 2 ? org.tokens.fin1 : org.tokens.fin2, variables: { input: { id: asked.id, version: 1, decision: decisions[i % 3], comment: `reason ${i}` } } }),
      ),
    );
    const winners = answers.filter((answer) => !answer.errors);
    expect(winners).toHaveLength(1);
    expect(new Set(answers.filter((answer) => answer.errors).flatMap((answer) => errorCodes(answer)))).toEqual(new Set(['CONFLICT']));
    const after = (await must(hub.request(GET, { token: org.tokens.asker, variables: { id: asked.id } }), 'get')).approvalRequest;
    expect(after.version).toBe(2);
    expect(after.history.map((event: { action: string }) => event.action)).toHaveLength(2);
    const decided = after.steps[0].approvers.filter((row: { decision: string | null }) => row.decision);
    expect(decided).toHaveLength(1);
    // the request ended the way the one recorded decision says
    const action = after.history[1].action as 'APPROVED' | 'REJECTED' | 'SENT_BACK';
    expect(after.status).toBe(action);
    expect(winners[0].data!.decideApproval.status).toBe(action);
  });
});

describe('approvals: 20 concurrent requests for one subject', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'approvals_request_race' });
    org = await seedOrg(hub, 'corp-r');
  });
  afterAll(() => hub?.stop());

  it('creates exactly one PENDING request; the others are CONFLICT naming it and leave no rows behind', async () => {
    const input = ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }, { kind: 'TAG', tag: 'finance', quorum: 'ALL' }]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => hub.request(REQUEST, { token: org.app, variables: { input } })));
    const winners = answers.filter((answer) => !answer.errors).map((answer) => answer.data!.requestApproval);
    expect(winners.map((request) => request.id)).toHaveLength(1);
    const [winner] = winners;
    const losers = answers.filter((answer) => answer.errors);
    expect(losers.map((answer) => answer.errors!.map((error) => error.extensions))).toEqual(Array.from({ length: 19 }, () => [expect.objectContaining({ code: 'CONFLICT', approvalId: winner.id })]));
    // nothing of the losers was written: one request with its two steps, three approvers, one history entry and one message
    const em = scopeToCorp(hub.subgraphs.approvals.orm.em.fork(), 'corp-r');
    const counts = await Promise.all([ApprovalRequest, ApprovalStep, ApprovalApprover, ApprovalEvent, OutboxMessage].map((entity) => em.count(entity as EntityName<object>, {})));
    expect(counts).toEqual([1, 2, 3, 1, 1]);
    // once it is decided, the subject may be asked again
    await must(hub.request(DECIDE, { token: org.tokens.peer, variables: { input: { id: winner.id, version: 1, decision: 'REJECT', comment: 'No' } } }), 'reject');
    const again = (await must(hub.request(REQUEST, { token: org.app, variables: { input } }), 'again')).requestApproval;
    expect(again.id).not.toBe(winner.id);
  });
});
