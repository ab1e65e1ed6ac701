import { seedOrgChart, startTestHub, type OrgChart, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { createLog, feedIds } from './helpers';

type Name = keyof OrgChart['tokens'];

describe('logs: visibility on every read path', () => {
  let hub: TestHub;
  let org: OrgChart;
  const logs: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ label: 'logs_visibility' });
    org = await seedOrgChart(hub);
    const { tokens, ids } = org;
    logs.team = await createLog(hub, tokens.alice, { text: 'team', visibility: 'TEAM' });
    logs.department = await createLog(hub, tokens.alice, { text: 'department', visibility: 'DEPARTMENT' });
    logs.people = await createLog(hub, tokens.alice, { text: 'people', visibility: 'PEOPLE', readerUnionIds: [ids.dave] });
    logs.corp = await createLog(hub, tokens.alice, { text: 'corp', visibility: 'CORP' });
    logs.carolDepartment = await createLog(hub, tokens.carol, { text: 'carol department', visibility: 'DEPARTMENT' });
  });
  afterAll(() => hub?.stop());

  // who (besides the author) reads each of alice's logs, and carol's DEPARTMENT log
  const expected: Record<string, Name[]> = {
    team: ['bob', 'lead', 'boss', 'admin'],
    department: ['bob', 'nina', 'lead', 'boss', 'admin'],
    people: ['dave', 'admin'],
    corp: ['bob', 'nina', 'lead', 'boss', 'carol', 'dave', 'admin'],
    carolDepartment: ['boss', 'lead', 'alice', 'bob', 'nina', 'admin'],
  };
  const viewers: Name[] = ['alice', 'bob', 'nina', 'lead', 'boss', 'carol', 'dave', 'eve', 'admin', 'analystB'];
  const authorOf: Record<string, Name> = { team: 'alice', department: 'alice', people: 'alice', corp: 'alice', carolDepartment: 'carol' };

  it.each(Object.keys(expected))('%s: exactly the intended readers see it in their feed and by id', async (log) => {
    for (const viewer of viewers) {
      const sees = viewer === authorOf[log] || expected[log].includes(viewer);
      const feed = await feedIds(hub, org.tokens[viewer]);
      expect({ viewer, inFeed: feed.includes(logs[log]) }).toEqual({ viewer, inFeed: sees });
      const byId = await hub.request(`query($id: ID!) { workLog(id: $id) { id text } }`, { token: org.tokens[viewer], variables: { id: logs[log] } });
      expect({ viewer, codes: errorCodes(byId) }).toEqual({ viewer, codes: sees ? [] : ['NOT_FOUND'] });
    }
  });

  it('filters the Employee field (what the dashboard reads) by the same rules', async () => {
    const query = `query($u: ID!) { employee(unionId: $u) { displayName workLogs(first: 10) { totalCount nodes { text } } } }`;
    const textsFor = async (viewer: Name) => {
      const response = await hub.request(query, { token: org.tokens[viewer], variables: { u: org.ids.alice } });
      expect(response.errors).toBeUndefined();
      return response.data!.employee.workLogs;
    };
    expect(await textsFor('alice')).toEqual({ totalCount: 4, nodes: [{ text: 'corp' }, { text: 'people' }, { text: 'department' }, { text: 'team' }] });
    expect(await textsFor('dave')).toEqual({ totalCount: 2, nodes: [{ text: 'corp' }, { text: 'people' }] });
    expect(await textsFor('nina')).toEqual({ totalCount: 2, nodes: [{ text: 'corp' }, { text: 'department' }] });
    expect(await textsFor('carol')).toEqual({ totalCount: 1, nodes: [{ text: 'corp' }] });
  });

  it('hides comments and read receipts of logs the caller may not see, and refuses to comment on or mark them', async () => {
    const comment = `mutation($id: ID!) { addWorkLogComment(logId: $id, text: "nice") { id text author { unionId displayName } } }`;
    const commented = await hub.request(comment, { token: org.tokens.bob, variables: { id: logs.team } });
    expect(commented.data?.addWorkLogComment).toMatchObject({ text: 'nice', author: { unionId: org.ids.bob, displayName: 'Bob' } });
    expect(errorCodes(await hub.request(comment, { token: org.tokens.carol, variables: { id: logs.team } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(comment, { token: org.tokens.eve, variables: { id: logs.team } }))).toEqual(['NOT_FOUND']);
    const mark = `mutation($id: ID!) { markWorkLogRead(logId: $id) { id } }`;
    expect(errorCodes(await hub.request(mark, { token: org.tokens.dave, variables: { id: logs.team } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(mark, { token: org.tokens.eve, variables: { id: logs.corp } }))).toEqual(['NOT_FOUND']);
    // the Employee field is the only path to a log by its author: comments come along only where the log does
    const viaEmployee = await hub.request(`query($u: ID!) { employee(unionId: $u) { workLogs(first: 10) { nodes { text comments { text } readBy { unionId } } } } }`, {
      token: org.tokens.carol,
      variables: { u: org.ids.alice },
    });
    expect(viaEmployee.data!.employee.workLogs.nodes).toEqual([{ text: 'corp', comments: [], readBy: [] }]);
  });

  it('keeps another corp out of every query, and lets its analyst read only their own corp', async () => {
    expect(await feedIds(hub, org.tokens.eve)).toEqual([]);
    expect(await feedIds(hub, org.tokens.analystB)).toEqual([]);
    const viaEmployee = await hub.request(`query($u: ID!) { employee(unionId: $u) { workLogs { totalCount } } }`, { token: org.tokens.eve, variables: { u: org.ids.alice } });
    expect(errorCodes(viaEmployee)).toEqual(['NOT_FOUND']);
    const count = await hub.request(`{ workLogUnreadCount }`, { token: org.tokens.eve });
    expect(count.data).toEqual({ workLogUnreadCount: 0 });
    const stats = await hub.request(`{ workLogSubmissions(departmentId: "north", date: "2026-11-25") { missing { unionId } } }`, { token: org.tokens.analystB });
    expect(errorCodes(stats)).toEqual(['NOT_FOUND']);
    const edit = await hub.request(`mutation($id: ID!) { updateWorkLog(id: $id, input: { text: "x" }) { id } }`, { token: org.tokens.eve, variables: { id: logs.corp } });
    expect(errorCodes(edit)).toEqual(['NOT_FOUND']);
  });

  it('a narrower visibility takes effect at once when the author edits it', async () => {
    const id = await createLog(hub, org.tokens.alice, { text: 'soon private', visibility: 'CORP' });
    expect(await feedIds(hub, org.tokens.dave)).toContain(id);
    const edited = await hub.request(`mutation($id: ID!) { updateWorkLog(id: $id, input: { visibility: TEAM }) { visibility editedAt } }`, {
      token: org.tokens.alice,
      variables: { id },
    });
    expect(edited.data!.updateWorkLog).toEqual({ visibility: 'TEAM', editedAt: expect.any(String) });
    expect(await feedIds(hub, org.tokens.dave)).not.toContain(id);
    expect(await feedIds(hub, org.tokens.bob)).toContain(id);
    // only the author edits
    const byBob = await hub.request(`mutation($id: ID!) { updateWorkLog(id: $id, input: { text: "mine now" }) { id } }`, { token: org.tokens.bob, variables: { id } });
    expect(errorCodes(byBob)).toEqual(['FORBIDDEN']);
  });
});
