import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role, scopeToCorp } from '@corphub/module-kit';
import { errorCodes, waitFor, type GraphQLResponse } from '@corphub/module-kit/testing';
import { LeaveBalance, LeaveRequest, MakeUpRequest } from '@corphub/attendance';
import { AT_OFFICE, SHANGHAI_SETTINGS, checkIn, createDepartments, createRule, hire, resetClock, setNow } from './helpers';

// the approvals subgraph is the hub's own: requests go through it and come back through followApprovals

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by whole-value assertions
async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

const LEAVE = 'id type startDate startHalf endDate endHalf days reason status approvalId employee { unionId }';
const REQUEST_LEAVE = `mutation($input: RequestLeaveInput!) { requestLeave(input: $input) { ${LEAVE} } }`;
const CANCEL = `mutation($id: ID!, $reason: String) { cancelLeaveRequest(id: $id, reason: $reason) { ${LEAVE} } }`;
const MAKE_UP = `mutation($input: RequestMakeUpCheckInInput!) { requestMakeUpCheckIn(input: $input) { id date type status approvalId } }`;
const SUMMARY = 'workDays attendedDays lateCount earlyLeaveCount absentDays missingCount leaveDays exceptionDays';

describe('attendance: leave and make-up check-ins, approved through the approvals service', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  /** Decides the approval as `who`, at its current version. */
  const decide = async (who: string, approvalId: string, decision: string, comment?: string) => {
    const { approvalRequest } = await must(hub.request(`query($id: ID!) { approvalRequest(id: $id) { version } }`, { token: tokens[who], variables: { id: approvalId } }), 'approval');
    return must(
      hub.request(`mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { status } }`, { token: tokens[who], variables: { input: { id: approvalId, version: approvalRequest.version, decision, comment } } }),
      'decide',
    );
  };
  const leaveStatus = async (id: string, token = tokens.worker) => (await must(hub.request(`query($id: ID!) { leaveRequest(id: $id) { status } }`, { token, variables: { id } }), 'leave')).leaveRequest.status;
  const settled = (id: string, status: string) => waitFor(`leave ${id} ${status}`, async () => (await leaveStatus(id)) === status);
  const requestLeave = (input: Record<string, unknown>, token = tokens.worker) => hub.request(REQUEST_LEAVE, { token, variables: { input: { reason: 'family', ...input } } });
  const approvedLeave = async (input: Record<string, unknown>) => {
    const { requestLeave: leave } = await must(requestLeave(input), 'requestLeave');
    await decide('boss', leave.approvalId, 'APPROVE');
    await settled(leave.id, 'APPROVED');
    return leave;
  };
  const summary = (from: string, to: string, who = 'worker') =>
    must(hub.request(`query($u: ID!, $f: LocalDate!, $t: LocalDate!) { employee(unionId: $u) { attendance(from: $f, to: $t) { ${SUMMARY} } } }`, { token: a.adminToken, variables: { u: ids[who], f: from, t: to } }), 'summary').then(
      (data) => data.employee.attendance,
    );
  const balances = async (who = 'worker', token = a.adminToken) =>
    (await must(hub.request(`query($u: ID!) { employee(unionId: $u) { leaveBalances(year: 2026) { type accruedDays usedDays pendingDays availableDays } } }`, { token, variables: { u: ids[who] } }), 'balances')).employee.leaveBalances;
  /** Requests and what balances hold (a refused request may leave an empty balance row behind, holding nothing). */
  const rowCounts = () => {
    const em = scopeToCorp(hub.subgraphs.attendance.orm.em.fork(), 'corp-a');
    return Promise.all([em.count(LeaveRequest, {}), em.count(MakeUpRequest, {}), em.find(LeaveBalance, {}, { orderBy: { type: 'asc' } }).then((rows) => rows.filter((row) => row.usedHalfDays || row.pendingHalfDays).map((row) => [row.unionId, row.type, row.usedHalfDays, row.pendingHalfDays]))]);
  };
  const at = async (iso: string, type: string) => {
    setNow(iso);
    await must(checkIn(hub, tokens.worker, { type, location: AT_OFFICE }), `checkIn ${iso}`);
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_leave' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    b = await seedCorp(hub, 'corp-b', ['Bea Admin']);
    await createDepartments(hub, a, [['ops', 'Ops', null]]);
    await createDepartments(hub, b, [['ops', 'Ops', null]]);
    ids.boss = await hire(hub, a, 'Boss', { departmentIds: ['ops'] });
    ids.worker = await hire(hub, a, 'Wendy', { departmentIds: ['ops'], managerUnionId: ids.boss });
    ids.peer = await hire(hub, a, 'Pat', { departmentIds: ['ops'], managerUnionId: ids.boss });
    ids.eveBoss = await hire(hub, b, 'Eve Boss', { departmentIds: ['ops'] });
    ids.eve = await hire(hub, b, 'Eve', { departmentIds: ['ops'], managerUnionId: ids.eveBoss });
    for (const [who, corp] of [['boss', a], ['worker', a], ['peer', a], ['eve', b], ['eveBoss', b]] as const) tokens[who] = await hub.token({ corp: corp.corpId, role: Role.EMPLOYEE, union: ids[who] });
    setNow('2026-03-01T12:00:00Z');
    await createRule(hub, a, { name: 'Everyone', settings: SHANGHAI_SETTINGS });
    await createRule(hub, b, { name: 'Everyone', settings: SHANGHAI_SETTINGS });
    // Wednesday 4 March: in at 09:00, no off-duty (afternoon off); Thursday 5 March: in at 13:30 (late, morning off), out at 18:00
    await at('2026-03-04T01:00:00Z', 'ON_DUTY');
    await at('2026-03-05T05:30:00Z', 'ON_DUTY');
    await at('2026-03-05T10:00:00Z', 'OFF_DUTY');
    // Monday 9 March: in at 09:00, forgot to check out
    await at('2026-03-09T01:00:00Z', 'ON_DUTY');
    setNow('2026-03-16T02:00:00Z'); // Monday 16 March, 10:00 in Shanghai
  });
  afterAll(async () => {
    resetClock();
    await hub?.stop();
  });

  it('counts approved half days of leave as leave, never absence: a morning off excuses lateness, an afternoon off the off-duty check-in', async () => {
    expect(await summary('2026-03-04', '2026-03-06')).toEqual({ workDays: 3, attendedDays: 2, lateCount: 1, earlyLeaveCount: 0, absentDays: 1, missingCount: 1, leaveDays: 0, exceptionDays: 3 });
    const { requestLeave: afternoon } = await must(requestLeave({ type: 'ANNUAL', startDate: '2026-03-04', startHalf: 'AFTERNOON', endDate: '2026-03-04', endHalf: 'AFTERNOON' }), 'afternoon');
    expect(afternoon).toMatchObject({ type: 'ANNUAL', days: 0.5, status: 'PENDING', approvalId: expect.any(String), employee: { unionId: ids.worker } });
    // pending leave changes nothing yet, and reserves its half day
    expect(await summary('2026-03-04', '2026-03-04')).toMatchObject({ missingCount: 1, leaveDays: 0 });
    expect((await balances())[0]).toEqual({ type: 'ANNUAL', accruedDays: 1, usedDays: 0, pendingDays: 0.5, availableDays: 0.5 });
    // the manager's one inbox lists it, the leave request resolved from attendance through federation
    const inbox = await must(
      hub.request(`{ me { pendingApprovals(first: 10) { nodes { id appId subjectType subjectId leaveRequest { days startHalf employee { displayName } } makeUpRequest { id } } } } }`, { token: tokens.boss }),
      'inbox',
    );
    expect(inbox.me.pendingApprovals.nodes).toContainEqual({
      id: afternoon.approvalId,
      appId: 'attendance',
      subjectType: 'LeaveRequest',
      subjectId: afternoon.id,
      leaveRequest: { days: 0.5, startHalf: 'AFTERNOON', employee: { displayName: 'Wendy' } },
      makeUpRequest: null,
    });
    await decide('boss', afternoon.approvalId, 'APPROVE');
    await settled(afternoon.id, 'APPROVED');
    await approvedLeave({ type: 'ANNUAL', startDate: '2026-03-05', startHalf: 'MORNING', endDate: '2026-03-05', endHalf: 'MORNING' });
    // 4th: the worked morning checked in, the afternoon off; 5th: late, but the morning was off; 6th: absent
    expect(await summary('2026-03-04', '2026-03-06')).toEqual({ workDays: 3, attendedDays: 2, lateCount: 0, earlyLeaveCount: 0, absentDays: 1, missingCount: 0, leaveDays: 1, exceptionDays: 1 });
    const days = await must(
      hub.request(`query($u: ID!) { employee(unionId: $u) { attendanceDays(from: "2026-03-04", to: "2026-03-06") { date exceptions leaveMorning leaveAfternoon } } }`, { token: tokens.boss, variables: { u: ids.worker } }),
      'days',
    );
    expect(days.employee.attendanceDays).toEqual([
      { date: '2026-03-04', exceptions: [], leaveMorning: false, leaveAfternoon: true },
      { date: '2026-03-05', exceptions: [], leaveMorning: true, leaveAfternoon: false },
      { date: '2026-03-06', exceptions: ['ABSENT'], leaveMorning: false, leaveAfternoon: false },
    ]);
    // the debit: a day of the 1 accrued through March (5 a year, monthly) is used
    expect((await balances())[0]).toEqual({ type: 'ANNUAL', accruedDays: 1, usedDays: 1, pendingDays: 0, availableDays: 0 });
    const month = await must(hub.request(`{ departmentAttendance(departmentId: "ops", month: "2026-03") { totals { leaveDays absentDays } } }`, { token: a.adminToken }), 'month');
    expect(month.departmentAttendance.totals.leaveDays).toBe(1);
    const csv = (await must(hub.request(`{ departmentAttendanceCsv(departmentId: "ops", month: "2026-03") }`, { token: a.adminToken }), 'csv')).departmentAttendanceCsv.split('\r\n');
    expect(csv[0]).toContain(',leaveDays,');
    const column = csv[0].split(',').indexOf('leaveDays');
    expect(csv.find((line: string) => line.startsWith(ids.worker)).split(',')[column]).toBe('1');
  });

  it('refuses leave beyond the balance (CONFLICT INSUFFICIENT_LEAVE_BALANCE) and follows the corp’s accrual rule once an admin sets one', async () => {
    const before = await rowCounts();
    const short = await requestLeave({ type: 'ANNUAL', startDate: '2026-03-20', endDate: '2026-03-20' });
    expect(errorCodes(short)).toEqual(['CONFLICT']);
    expect(short.errors![0].extensions).toMatchObject({ reason: 'INSUFFICIENT_LEAVE_BALANCE', availableDays: 0, requestedDays: 1 });
    expect(await rowCounts()).toEqual(before);
    // 12 days a year, monthly: 3 accrued through March; corp B keeps the defaults
    const set = await must(hub.request(`mutation { setLeavePolicy(input: { type: ANNUAL, daysPerYear: 12, accrual: MONTHLY }) { type daysPerYear accrual } }`, { token: a.adminToken }), 'policy');
    expect(set.setLeavePolicy).toEqual({ type: 'ANNUAL', daysPerYear: 12, accrual: 'MONTHLY' });
    expect((await balances())[0]).toEqual({ type: 'ANNUAL', accruedDays: 3, usedDays: 1, pendingDays: 0, availableDays: 2 });
    const policiesB = await must(hub.request(`{ leavePolicies { type daysPerYear accrual } }`, { token: b.adminToken }), 'policies B');
    expect(policiesB.leavePolicies).toEqual([
      { type: 'ANNUAL', daysPerYear: 5, accrual: 'MONTHLY' },
      { type: 'SICK', daysPerYear: 10, accrual: 'YEARLY' },
      { type: 'PERSONAL', daysPerYear: 5, accrual: 'YEARLY' },
    ]);
    // booking ahead uses what will have accrued by the leave's last day (December: all 12)
    const december = await must(requestLeave({ type: 'ANNUAL', startDate: '2026-12-07', endDate: '2026-12-11' }), 'december');
    expect(december.requestLeave).toMatchObject({ days: 5, status: 'PENDING' });
    // a weekend in between is not debited: Friday to Monday is two days
    await must(hub.request(`mutation { setLeavePolicy(input: { type: SICK, daysPerYear: 2.5, accrual: YEARLY }) { daysPerYear } }`, { token: a.adminToken }), 'sick policy');
    const sick = await must(requestLeave({ type: 'SICK', startDate: '2026-03-20', endDate: '2026-03-23' }), 'sick');
    expect(sick.requestLeave.days).toBe(2);
    const tooMuch = await requestLeave({ type: 'SICK', startDate: '2026-03-25', endDate: '2026-03-25' });
    expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_LEAVE_BALANCE', availableDays: 0.5 });
  });

  it('releases reserved days on rejection, credits approved days back on cancellation, and withdraws a pending request with its approval', async () => {
    const { requestLeave: rejected } = await must(requestLeave({ type: 'PERSONAL', startDate: '2026-04-01', endDate: '2026-04-01' }), 'personal');
    expect((await balances()).find((row: { type: string }) => row.type === 'PERSONAL')).toMatchObject({ pendingDays: 1, availableDays: 4 });
    expect(errorCodes(await hub.request(`mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { status } }`, { token: tokens.boss, variables: { input: { id: rejected.approvalId, version: 1, decision: 'REJECT' } } }))).toEqual(['BAD_USER_INPUT']);
    await decide('boss', rejected.approvalId, 'REJECT', 'busy week');
    await settled(rejected.id, 'REJECTED');
    expect((await balances()).find((row: { type: string }) => row.type === 'PERSONAL')).toMatchObject({ usedDays: 0, pendingDays: 0, availableDays: 5 });
    // approved, then cancelled before it starts: credited back
    const approved = await approvedLeave({ type: 'PERSONAL', startDate: '2026-04-02', endDate: '2026-04-03' });
    expect((await balances()).find((row: { type: string }) => row.type === 'PERSONAL')).toMatchObject({ usedDays: 2, availableDays: 3 });
    // a colleague cannot take it back; the person can
    expect(errorCodes(await hub.request(CANCEL, { token: tokens.peer, variables: { id: approved.id } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(CANCEL, { token: tokens.boss, variables: { id: approved.id } }))).toEqual(['FORBIDDEN']);
    const cancelled = await must(hub.request(CANCEL, { token: tokens.worker, variables: { id: approved.id, reason: 'plans changed' } }), 'cancel');
    expect(cancelled.cancelLeaveRequest.status).toBe('CANCELLED');
    expect(errorCodes(await hub.request(CANCEL, { token: tokens.worker, variables: { id: approved.id } }))).toEqual(['CONFLICT']);
    expect((await balances()).find((row: { type: string }) => row.type === 'PERSONAL')).toMatchObject({ usedDays: 0, pendingDays: 0, availableDays: 5 });
    // pending: withdrawn here and in approvals, which no longer waits for the boss
    const { requestLeave: pending } = await must(requestLeave({ type: 'PERSONAL', startDate: '2026-04-06', endDate: '2026-04-06' }), 'pending');
    const withdrawn = await must(hub.request(CANCEL, { token: tokens.worker, variables: { id: pending.id } }), 'withdraw');
    expect(withdrawn.cancelLeaveRequest.status).toBe('WITHDRAWN');
    const approval = await must(hub.request(`query($id: ID!) { approvalRequest(id: $id) { status } }`, { token: tokens.worker, variables: { id: pending.approvalId } }), 'approval');
    expect(approval.approvalRequest.status).toBe('WITHDRAWN');
    expect((await balances()).find((row: { type: string }) => row.type === 'PERSONAL')).toMatchObject({ pendingDays: 0, availableDays: 5 });
    // leave that has started is taken back by an admin only
    const started = await approvedLeave({ type: 'PERSONAL', startDate: '2026-03-16', endDate: '2026-03-16' });
    const late = await hub.request(CANCEL, { token: tokens.worker, variables: { id: started.id } });
    expect(late.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEAVE_STARTED' });
    expect((await must(hub.request(CANCEL, { token: a.adminToken, variables: { id: started.id } }), 'admin cancel')).cancelLeaveRequest.status).toBe('CANCELLED');
  });

  it('gives racing requests what is left and no more: 8 days asked at once against 5, each retry answered once', async () => {
    const dates = ['2026-04-13', '2026-04-14', '2026-04-15', '2026-04-16', '2026-04-17', '2026-04-20', '2026-04-21', '2026-04-22'];
    const answers = await Promise.all(dates.map((date) => requestLeave({ type: 'PERSONAL', startDate: date, endDate: date }, tokens.peer)));
    const codes = answers.map((answer) => (answer.errors ? [answer.errors[0].extensions!.code, answer.errors[0].extensions!.reason].join(' ') : answer.data!.requestLeave.status));
    expect(codes.filter((code) => code === 'PENDING')).toHaveLength(5);
    expect(codes.filter((code) => code !== 'PENDING')).toEqual(['CONFLICT INSUFFICIENT_LEAVE_BALANCE', 'CONFLICT INSUFFICIENT_LEAVE_BALANCE', 'CONFLICT INSUFFICIENT_LEAVE_BALANCE']);
    expect((await balances('peer')).find((row: { type: string }) => row.type === 'PERSONAL')).toMatchObject({ pendingDays: 5, availableDays: 0 });
    // a retry with the same key answers the first request and asks approvals nothing more
    const sick = { type: 'SICK', startDate: '2026-04-23', endDate: '2026-04-23', idempotencyKey: 'pat-sick-0423' };
    const first = await must(requestLeave(sick, tokens.peer), 'sick');
    const again = await must(requestLeave(sick, tokens.peer), 'sick again');
    expect(again.requestLeave).toEqual(first.requestLeave);
    expect((await balances('peer')).find((row: { type: string }) => row.type === 'SICK')).toMatchObject({ pendingDays: 1 });
  });

  it('answers bad leave input with BAD_USER_INPUT or CONFLICT and writes nothing', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ type: 'ANNUAL', startDate: '2026-03-12', endDate: '2026-03-11' }, 'BAD_USER_INPUT'],
      [{ type: 'ANNUAL', startDate: '2026-12-31', endDate: '2027-01-04' }, 'BAD_USER_INPUT'],
      [{ type: 'ANNUAL', startDate: '2026-03-11', startHalf: 'AFTERNOON', endDate: '2026-03-11', endHalf: 'MORNING' }, 'BAD_USER_INPUT'],
      [{ type: 'ANNUAL', startDate: '2026-03-11', endDate: '2026-03-11', reason: '   ' }, 'BAD_USER_INPUT'],
      [{ type: 'ANNUAL', startDate: '2026-03-11', endDate: '2026-03-11', reason: 'x'.repeat(501) }, 'BAD_USER_INPUT'],
      [{ type: 'ANNUAL', startDate: '2026-03-14', endDate: '2026-03-15' }, 'BAD_USER_INPUT', 'NO_WORK_DAYS'],
      [{ type: 'ANNUAL', startDate: '2025-12-01', endDate: '2025-12-01' }, 'BAD_USER_INPUT', 'NO_WORK_DAYS'], // before she joined
      [{ type: 'ANNUAL', startDate: 'soon', endDate: '2026-03-11' }, 'BAD_USER_INPUT'],
      [{ type: 'VACATION', startDate: '2026-03-11', endDate: '2026-03-11' }, 'BAD_USER_INPUT'],
      [{ type: 'SICK', startDate: '2026-03-04', endDate: '2026-03-04' }, 'CONFLICT', 'OVERLAPPING_LEAVE'], // the approved afternoon
    ];
    for (const [input, code, reason] of cases) {
      const answer = await requestLeave(input);
      expect({ input, codes: errorCodes(answer) }).toEqual({ input, codes: [code] });
      if (reason) expect(answer.errors![0].extensions!.reason).toBe(reason);
    }
    // the boss has no manager to approve: the approvals service refuses, and nothing stays behind
    const bossToken = tokens.boss;
    expect(errorCodes(await requestLeave({ type: 'SICK', startDate: '2026-03-11', endDate: '2026-03-11' }, bossToken))).toEqual(['BAD_USER_INPUT']);
    // an admin's token is no person's request; an analyst cannot set policies
    expect(errorCodes(await requestLeave({ type: 'SICK', startDate: '2026-03-11', endDate: '2026-03-11' }, a.adminToken))).toEqual(['FORBIDDEN']);
    const analyst = await hub.token({ corp: 'corp-a', role: Role.ANALYST });
    expect(errorCodes(await hub.request(`mutation { setLeavePolicy(input: { type: SICK, daysPerYear: 3, accrual: YEARLY }) { type } }`, { token: analyst }))).toEqual(['FORBIDDEN']);
    for (const days of [-1, 2.3, 400]) {
      expect(errorCodes(await hub.request(`mutation($d: Float!) { setLeavePolicy(input: { type: SICK, daysPerYear: $d, accrual: YEARLY }) { type } }`, { token: a.adminToken, variables: { d: days } }))).toEqual(['BAD_USER_INPUT']);
    }
    for (const id of ['no-such-leave', '00000000-0000-4000-8000-000000000000']) expect(errorCodes(await hub.request(CANCEL, { token: tokens.worker, variables: { id } }))).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
  });

  it('makes up a missed check-in once approved: the day is no longer missing; the same slot twice is CONFLICT', async () => {
    expect(await summary('2026-03-09', '2026-03-09')).toMatchObject({ missingCount: 1, exceptionDays: 1 });
    const { requestMakeUpCheckIn: makeUp } = await must(hub.request(MAKE_UP, { token: tokens.worker, variables: { input: { date: '2026-03-09', type: 'OFF_DUTY', reason: 'phone died' } } }), 'make up');
    expect(makeUp).toMatchObject({ date: '2026-03-09', type: 'OFF_DUTY', status: 'PENDING', approvalId: expect.any(String) });
    const again = await hub.request(MAKE_UP, { token: tokens.worker, variables: { input: { date: '2026-03-09', type: 'OFF_DUTY', reason: 'again' } } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MAKE_UP_EXISTS' });
    await decide('boss', makeUp.approvalId, 'APPROVE');
    const requests = () =>
      must(hub.request(`query($u: ID!) { employee(unionId: $u) { makeUpRequests(from: "2026-03-01", to: "2026-03-31") { id status checkInId } } }`, { token: tokens.worker, variables: { u: ids.worker } }), 'requests');
    await waitFor('the make-up approved', async () => (await requests()).employee.makeUpRequests[0].status === 'APPROVED');
    expect(await summary('2026-03-09', '2026-03-09')).toMatchObject({ missingCount: 0, exceptionDays: 0, attendedDays: 1 });
    const checkIns = await must(
      hub.request(`query($u: ID!) { employee(unionId: $u) { checkIns(from: "2026-03-09", to: "2026-03-09", first: 10) { nodes { type checkedAt madeUp exceptions } } } }`, { token: tokens.worker, variables: { u: ids.worker } }),
      'check-ins',
    );
    // at the rule's off-duty time, 18:00 in Shanghai
    expect(checkIns.employee.checkIns.nodes).toEqual([
      { type: 'OFF_DUTY', checkedAt: '2026-03-09T10:00:00.000Z', madeUp: true, exceptions: [] },
      { type: 'ON_DUTY', checkedAt: '2026-03-09T01:00:00.000Z', madeUp: false, exceptions: [] },
    ]);
    const made = await hub.request(MAKE_UP, { token: tokens.worker, variables: { input: { date: '2026-03-09', type: 'OFF_DUTY', reason: 'third time' } } });
    expect(errorCodes(made)).toEqual(['CONFLICT']);
  });

  it('frees the slot when the make-up is withdrawn in approvals, so it may be asked again; an absent day made up on-duty is missing, not absent', async () => {
    const input = { date: '2026-03-06', type: 'ON_DUTY', reason: 'badge reader down' };
    const { requestMakeUpCheckIn: first } = await must(hub.request(MAKE_UP, { token: tokens.worker, variables: { input } }), 'first');
    // the requester withdraws it in the approvals service itself; attendance follows
    await must(hub.request(`mutation($id: ID!) { withdrawApproval(id: $id, version: 1, reason: "wrong day") { status } }`, { token: tokens.worker, variables: { id: first.approvalId } }), 'withdraw');
    const statusOf = async (id: string) =>
      (await must(hub.request(`query($u: ID!) { employee(unionId: $u) { makeUpRequests(from: "2026-03-06", to: "2026-03-06") { id status } } }`, { token: tokens.worker, variables: { u: ids.worker } }), 'requests')).employee.makeUpRequests.find(
        (row: { id: string }) => row.id === id,
      ).status;
    await waitFor('the make-up withdrawn', async () => (await statusOf(first.id)) === 'WITHDRAWN');
    const { requestMakeUpCheckIn: second } = await must(hub.request(MAKE_UP, { token: tokens.worker, variables: { input } }), 'second');
    await decide('boss', second.approvalId, 'APPROVE');
    await waitFor('the make-up approved', async () => (await statusOf(second.id)) === 'APPROVED');
    expect(await summary('2026-03-06', '2026-03-06')).toMatchObject({ absentDays: 0, missingCount: 1, attendedDays: 1 });
  });

  it('answers bad make-up input with BAD_USER_INPUT or CONFLICT and writes nothing', async () => {
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ date: '2026-03-10', type: 'FIELD' }, 'BAD_USER_INPUT'],
      [{ date: '2026-03-17', type: 'ON_DUTY' }, 'BAD_USER_INPUT', 'FUTURE_DAY'],
      [{ date: '2026-03-14', type: 'ON_DUTY' }, 'BAD_USER_INPUT', 'NOT_A_WORK_DAY'], // a Saturday
      [{ date: '2025-12-31', type: 'ON_DUTY' }, 'BAD_USER_INPUT', 'NOT_A_WORK_DAY'], // before she joined
      [{ date: '2026-03-09', type: 'ON_DUTY' }, 'CONFLICT', 'ALREADY_CHECKED_IN'],
      [{ date: '2026-03-10', type: 'ON_DUTY', reason: '' }, 'BAD_USER_INPUT'],
      [{ date: 'yesterday', type: 'ON_DUTY' }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code, reason] of cases) {
      const answer = await hub.request(MAKE_UP, { token: tokens.worker, variables: { input: { reason: 'forgot', ...input } } });
      expect({ input, codes: errorCodes(answer) }).toEqual({ input, codes: [code] });
      if (reason) expect(answer.errors![0].extensions!.reason).toBe(reason);
    }
    expect(errorCodes(await hub.request(MAKE_UP, { token: a.adminToken, variables: { input: { date: '2026-03-10', type: 'ON_DUTY', reason: 'x' } } }))).toEqual(['FORBIDDEN']);
    // no manager to approve: refused by approvals, nothing kept
    expect(errorCodes(await hub.request(MAKE_UP, { token: tokens.boss, variables: { input: { date: '2026-03-10', type: 'ON_DUTY', reason: 'x' } } }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps corps apart: another corp’s people neither see nor take back nor decide a request', async () => {
    const { requestLeave: mine } = await must(requestLeave({ type: 'PERSONAL', startDate: '2026-03-10', endDate: '2026-03-10' }), 'personal');
    for (const token of [b.adminToken, tokens.eve, tokens.eveBoss]) {
      expect(errorCodes(await hub.request(`query($id: ID!) { leaveRequest(id: $id) { id } }`, { token, variables: { id: mine.id } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(CANCEL, { token, variables: { id: mine.id } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(`query($id: ID!) { approvalRequest(id: $id) { id } }`, { token, variables: { id: mine.approvalId } }))).toEqual(['NOT_FOUND']);
    }
    // corp B's own leave runs on its own balance and manager
    const { requestLeave: theirs } = await must(requestLeave({ type: 'SICK', startDate: '2026-03-10', endDate: '2026-03-10' }, tokens.eve), 'eve');
    const { approvalRequest } = await must(hub.request(`query($id: ID!) { approvalRequest(id: $id) { version } }`, { token: tokens.eveBoss, variables: { id: theirs.approvalId } }), 'eve approval');
    await must(hub.request(`mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { status } }`, { token: tokens.eveBoss, variables: { input: { id: theirs.approvalId, version: approvalRequest.version, decision: 'APPROVE' } } }), 'eve decide');
    await waitFor('eve’s leave approved', async () => (await leaveStatus(theirs.id, tokens.eve)) === 'APPROVED');
    expect(await leaveStatus(mine.id)).toBe('PENDING');
    const eveBalances = await must(hub.request(`query($u: ID!) { employee(unionId: $u) { leaveBalances(year: 2026) { type usedDays } } }`, { token: b.adminToken, variables: { u: ids.eve } }), 'eve balances');
    expect(eveBalances.employee.leaveBalances.find((row: { type: string }) => row.type === 'SICK').usedDays).toBe(1);
    expect(errorCodes(await hub.request(`query($u: ID!) { employee(unionId: $u) { leaveBalances(year: 2026) { type } } }`, { token: b.adminToken, variables: { u: ids.worker } }))).toEqual(['NOT_FOUND']);
    for (const field of ['leaveRequests(from: "2026-03-01", to: "2026-03-31") { id }', 'makeUpRequests(from: "2026-03-01", to: "2026-03-31") { id }']) {
      expect(errorCodes(await hub.request(`query($u: ID!) { employee(unionId: $u) { ${field} } }`, { token: b.adminToken, variables: { u: ids.worker } }))).toEqual(['NOT_FOUND']);
    }
    // corp B's inbox holds nothing of corp A, and corp A's request resolves nothing for B
    const inboxB = await must(hub.request(`{ me { pendingApprovals(first: 50) { nodes { subjectId leaveRequest { id } } } } }`, { token: tokens.eveBoss }), 'inbox B');
    expect(inboxB.me.pendingApprovals.nodes.map((node: { subjectId: string }) => node.subjectId)).not.toContain(mine.id);
  });
});
