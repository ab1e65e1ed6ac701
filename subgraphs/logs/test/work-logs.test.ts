import { seedOrgChart, startTestHub, type OrgChart, type TestHub, upload } from '@corphub/tooling/testing';
import { scopeToCorp } from '@corphub/module-kit';
import { errorCodes, png, wav } from '@corphub/module-kit/testing';
import { WorkLog, WorkLogAudience, WorkLogComment, WorkLogRead } from '@corphub/logs';
import { CREATE, createLog, feedIds } from './helpers';

describe('logs: writing, voice notes, comments, receipts, paging, statistics', () => {
  let hub: TestHub;
  let org: OrgChart;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'logs_features' });
    org = await seedOrgChart(hub);
  });
  afterAll(() => hub?.stop());

  const rowCounts = async () => {
    const em = scopeToCorp(hub.subgraphs.logs.orm.em.fork(), 'corp-a');
    return Promise.all([WorkLog, WorkLogAudience, WorkLogComment, WorkLogRead].map((entity) => em.count(entity as never, {})));
  };

  it('keeps a voice note (a real WAV uploaded through POST /media) and reads its duration back', async () => {
    const voice = await upload(hub, org.tokens.alice, wav(3), { kind: 'AUDIO' });
    expect(voice.status).toBe(201);
    const photo = await upload(hub, org.tokens.alice, png(4, 4), { kind: 'IMAGE' });
    const created = await hub.request(`mutation($input: CreateWorkLogInput!) { createWorkLog(input: $input) { id voiceDurationSeconds voice { id kind durationSeconds url } attachments { id kind width } } }`, {
      token: org.tokens.alice,
      variables: { input: { kind: 'DAILY', date: '2026-11-20', text: 'Visited customers', visibility: 'TEAM', voiceMediaId: voice.json.id, attachmentIds: [photo.json.id] } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createWorkLog).toMatchObject({
      voiceDurationSeconds: 3,
      voice: { id: voice.json.id, kind: 'AUDIO', durationSeconds: 3, url: expect.stringContaining(`/media/${voice.json.id}?`) },
      attachments: [{ id: photo.json.id, kind: 'IMAGE', width: 4 }],
    });
    // the dashboard's query (PRODUCT.md), read by her manager
    const dashboard = await hub.request(`query($u: ID!) { employee(unionId: $u) { displayName workLogs(first: 1) { edges { node { date text voice { durationSeconds url } } } } } }`, {
      token: org.tokens.lead,
      variables: { u: org.ids.alice },
    });
    expect(dashboard.data!.employee.workLogs.edges).toEqual([{ node: { date: '2026-11-20', text: 'Visited customers', voice: { durationSeconds: 3, url: expect.any(String) } } }]);
  });

  it('refuses a voice note that is not AUDIO, unknown or another corp’s media, writing nothing', async () => {
    const photo = await upload(hub, org.tokens.alice, png(5, 5), { kind: 'IMAGE' });
    const foreign = await upload(hub, org.tokens.eve, wav(1, 8000, 7), { kind: 'AUDIO' });
    const before = await rowCounts();
    for (const input of [
      { voiceMediaId: photo.json.id },
      { voiceMediaId: 'no-such-media' },
      { voiceMediaId: foreign.json.id },
      { attachmentIds: ['no-such-media'] },
    ]) {
      const response = await hub.request(CREATE, { token: org.tokens.alice, variables: { input: { kind: 'NOTE', text: 'x', ...input } } });
      expect({ input, codes: errorCodes(response) }).toEqual({ input, codes: ['BAD_USER_INPUT'] });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('allows one DAILY log per author and date (CONFLICT, then edit) and one WEEKLY per week', async () => {
    const daily = { kind: 'DAILY', date: '2026-11-23', text: 'first' };
    const id = await createLog(hub, org.tokens.bob, daily);
    const again = await hub.request(CREATE, { token: org.tokens.bob, variables: { input: { ...daily, text: 'second' } } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].extensions).toMatchObject({ workLogId: id });
    // another author, same date: fine
    await createLog(hub, org.tokens.carol, daily);
    const edited = await hub.request(`mutation($id: ID!) { updateWorkLog(id: $id, input: { text: "second" }) { text date editedAt createdAt } }`, { token: org.tokens.bob, variables: { id } });
    expect(edited.data!.updateWorkLog).toMatchObject({ text: 'second', date: '2026-11-23', editedAt: expect.any(String) });
    await createLog(hub, org.tokens.bob, { kind: 'WEEKLY', week: '2026-W48' });
    expect(errorCodes(await hub.request(CREATE, { token: org.tokens.bob, variables: { input: { kind: 'WEEKLY', week: '2026-W48', text: 'x' } } }))).toEqual(['CONFLICT']);
    // notes: as many as one likes
    await createLog(hub, org.tokens.bob, { kind: 'NOTE' });
    await createLog(hub, org.tokens.bob, { kind: 'NOTE' });
  });

  it('answers bad input with BAD_USER_INPUT (or FORBIDDEN for the wrong caller) and writes nothing', async () => {
    const before = await rowCounts();
    const bad: Record<string, unknown>[] = [
      { kind: 'DAILY', text: 'no date' },
      { kind: 'DAILY', date: '2026-11-31', text: 'no such day' },
      { kind: 'DAILY', date: '2026-11-24', week: '2026-W48', text: 'both' },
      { kind: 'WEEKLY', week: '2025-W53', text: '2025 has 52 weeks' },
      { kind: 'WEEKLY', week: '2026-48', text: 'not a week' },
      { kind: 'NOTE', date: '2026-11-24', text: 'a note has no date' },
      { kind: 'NOTE', text: '' },
      { kind: 'NOTE', text: 'x'.repeat(10_001) },
      { kind: 'NOTE', text: 'people without readers', visibility: 'PEOPLE' },
      { kind: 'NOTE', text: 'readers without PEOPLE', visibility: 'CORP', readerUnionIds: [org.ids.bob] },
      { kind: 'NOTE', text: 'bad reader', visibility: 'PEOPLE', readerUnionIds: ['not a union id!'] },
      { kind: 'NOTE', text: 'too many attachments', attachmentIds: Array.from({ length: 11 }, (_, i) => `m${i}`) },
    ];
    for (const input of bad) {
      const response = await hub.request(CREATE, { token: org.tokens.alice, variables: { input } });
      expect({ input, codes: errorCodes(response) }).toEqual({ input, codes: ['BAD_USER_INPUT'] });
    }
    const asAnalyst = await hub.request(CREATE, { token: await hub.token({ corp: 'corp-a', role: 'analyst' as never }), variables: { input: { kind: 'NOTE', text: 'x' } } });
    expect(errorCodes(asAnalyst)).toEqual(['FORBIDDEN']);
    const comment = `mutation($id: ID!, $text: String!) { addWorkLogComment(logId: $id, text: $text) { id } }`;
    const id = await createLog(hub, org.tokens.alice, { visibility: 'CORP' });
    const afterOne = await rowCounts();
    expect(errorCodes(await hub.request(comment, { token: org.tokens.bob, variables: { id, text: '   ' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(comment, { token: org.tokens.bob, variables: { id: 'nope', text: 'hi' } }))).toEqual(['NOT_FOUND']);
    const update = await hub.request(`mutation($id: ID!) { updateWorkLog(id: $id, input: { visibility: PEOPLE }) { id } }`, { token: org.tokens.alice, variables: { id } });
    expect(errorCodes(update)).toEqual(['BAD_USER_INPUT']);
    expect(await rowCounts()).toEqual(afterOne);
    expect(afterOne[0]).toBe(before[0] + 1);
  });

  it('refuses PEOPLE readers who are no employees of the corp (unknown, or another corp’s), writing nothing', async () => {
    const before = await rowCounts();
    const unknown = await hub.request(CREATE, {
      token: org.tokens.alice,
      variables: { input: { kind: 'NOTE', text: 'for friends', visibility: 'PEOPLE', readerUnionIds: [org.ids.dave, 'un_nobody_here', org.ids.eve] } },
    });
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].extensions).toMatchObject({ unknownReaderUnionIds: ['un_nobody_here', org.ids.eve] });
    // more readers than one call through the gateway carries (25 aliases): still every unknown one named
    const ghosts = Array.from({ length: 23 }, (_, i) => `un_ghost_${i}`);
    const known = [org.ids.boss, org.ids.lead, org.ids.bob, org.ids.carol, org.ids.nina, org.ids.dave, org.ids.alice];
    const chunked = await hub.request(CREATE, {
      token: org.tokens.alice,
      variables: { input: { kind: 'NOTE', text: 'x', visibility: 'PEOPLE', readerUnionIds: [...known, ...ghosts] } },
    });
    expect(chunked.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', unknownReaderUnionIds: ghosts });
    expect(await rowCounts()).toEqual(before);
    // an edit is checked the same way, and leaves the log as it was
    const id = await createLog(hub, org.tokens.alice, { text: 'for dave', visibility: 'PEOPLE', readerUnionIds: [org.ids.dave] });
    const edit = await hub.request(`mutation($id: ID!, $r: [ID!]) { updateWorkLog(id: $id, input: { readerUnionIds: $r }) { id } }`, {
      token: org.tokens.alice,
      variables: { id, r: [org.ids.dave, org.ids.eve] },
    });
    expect(edit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', unknownReaderUnionIds: [org.ids.eve] });
    const read = await hub.request(`query($id: ID!) { workLog(id: $id) { readers { unionId } editedAt } }`, { token: org.tokens.alice, variables: { id } });
    expect(read.data!.workLog).toEqual({ readers: [{ unionId: org.ids.dave }], editedAt: null });
    expect(await feedIds(hub, org.tokens.eve)).toEqual([]);
  });

  it('lists comments to whoever reads the log, and read receipts among the intended readers', async () => {
    const id = await createLog(hub, org.tokens.alice, { kind: 'NOTE', text: 'team news', visibility: 'TEAM' });
    const addComment = (token: string, text: string) =>
      hub.request(`mutation($id: ID!, $text: String!) { addWorkLogComment(logId: $id, text: $text) { id } }`, { token, variables: { id, text } });
    expect((await addComment(org.tokens.lead, 'good')).errors).toBeUndefined();
    expect((await addComment(org.tokens.alice, 'thanks')).errors).toBeUndefined();
    const mark = (token: string) => hub.request(`mutation($id: ID!) { markWorkLogRead(logId: $id) { readByMe } }`, { token, variables: { id } });
    const unread = async (token: string) => (await hub.request(`{ workLogUnreadCount(kind: NOTE) }`, { token })).data!.workLogUnreadCount as number;
    const bobUnread = await unread(org.tokens.bob);
    expect((await mark(org.tokens.bob)).data).toEqual({ markWorkLogRead: { readByMe: true } });
    expect((await mark(org.tokens.bob)).errors).toBeUndefined(); // again: nothing changes
    expect(await unread(org.tokens.bob)).toBe(bobUnread - 1);
    await mark(org.tokens.boss);
    const read = await hub.request(
      `query($id: ID!) { workLog(id: $id) { readByMe comments { text author { displayName } } readBy { displayName } unreadBy { totalCount nodes { displayName } } } }`,
      { token: org.tokens.lead, variables: { id } },
    );
    expect(read.errors).toBeUndefined();
    const log = read.data!.workLog;
    expect(log.readByMe).toBe(false);
    expect(log.comments).toEqual([{ text: 'good', author: { displayName: 'Lead' } }, { text: 'thanks', author: { displayName: 'Alice' } }]);
    expect(log.readBy).toEqual([{ displayName: 'Bob' }, { displayName: 'Boss' }]);
    // TEAM: north's members and alice's manager chain, minus alice and those who read it
    expect(log.unreadBy).toEqual({ totalCount: 1, nodes: [{ displayName: 'Lead' }] });
    const people = await createLog(hub, org.tokens.alice, { text: 'for two', visibility: 'PEOPLE', readerUnionIds: [org.ids.dave, org.ids.carol] });
    await hub.request(`mutation($id: ID!) { markWorkLogRead(logId: $id) { id } }`, { token: org.tokens.dave, variables: { id: people } });
    const receipts = await hub.request(`query($id: ID!) { workLog(id: $id) { readers { displayName } readBy { displayName } unreadBy { nodes { displayName } } } }`, {
      token: org.tokens.alice,
      variables: { id: people },
    });
    expect(receipts.data!.workLog).toEqual({ readers: [{ displayName: 'Dave' }, { displayName: 'Carol' }], readBy: [{ displayName: 'Dave' }], unreadBy: { nodes: [{ displayName: 'Carol' }] } });
  });

  it('messages the log’s author of a comment (its text, a link to the log), not when they comment on their own log', async () => {
    const id = await createLog(hub, org.tokens.bob, { kind: 'NOTE', text: 'bob’s plan', visibility: 'TEAM' });
    const commentsTold = async (token: string) => {
      const inbox = await hub.request(`{ inbox(first: 50) { nodes { message { appId title body link } } } }`, { token });
      expect(inbox.errors).toBeUndefined();
      return inbox.data!.inbox.nodes.map((node: { message: Record<string, string> }) => node.message).filter((message: { title: string }) => message.title.includes('commented'));
    };
    const addComment = (token: string, text: string) => hub.request(`mutation($id: ID!, $text: String!) { addWorkLogComment(logId: $id, text: $text) { id } }`, { token, variables: { id, text } });
    expect((await addComment(org.tokens.bob, 'a note to self')).errors).toBeUndefined();
    expect(await commentsTold(org.tokens.bob)).toEqual([]);
    expect((await addComment(org.tokens.lead, 'looks right')).errors).toBeUndefined();
    expect(await commentsTold(org.tokens.bob)).toEqual([{ appId: 'logs', title: 'Lead commented on your note', body: 'looks right', link: `/logs/${id}` }]);
    // nobody else hears of it, and another corp's person cannot comment on it at all
    expect(await commentsTold(org.tokens.lead)).toEqual([]);
    expect(errorCodes(await addComment(org.tokens.eve, 'hi'))).toEqual(['NOT_FOUND']);
    expect(await commentsTold(org.tokens.bob)).toHaveLength(1);
  });

  it('pages the feed newest first, stable when logs are written between pages', async () => {
    const author = org.tokens.nina;
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push(await createLog(hub, author, { text: `page ${i}`, visibility: 'PEOPLE', readerUnionIds: [org.ids.lead] }));
    const page = async (after?: string) => {
      const response = await hub.request(`query($after: String) { workLogFeed(first: 2, after: $after, kind: NOTE, departmentId: "north-east") { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`, {
        token: org.tokens.lead,
        variables: { after },
      });
      expect(response.errors).toBeUndefined();
      return response.data!.workLogFeed;
    };
    const first = await page();
    expect(first.totalCount).toBe(5);
    expect(first.nodes.map((n: { id: string }) => n.id)).toEqual([written[4], written[3]]);
    const newer = await createLog(hub, author, { text: 'newer', visibility: 'PEOPLE', readerUnionIds: [org.ids.lead] });
    const second = await page(first.pageInfo.endCursor);
    expect(second.nodes.map((n: { id: string }) => n.id)).toEqual([written[2], written[1]]);
    const third = await page(second.pageInfo.endCursor);
    expect(third).toMatchObject({ nodes: [{ id: written[0] }], pageInfo: { hasNextPage: false } });
    expect((await page()).nodes[0].id).toBe(newer);
    // the department filter: none of these is north's (nina was in north-east, which north includes)
    expect(await feedIds(hub, org.tokens.lead, ', departmentId: "eng"')).toEqual([]);
    expect(await feedIds(hub, org.tokens.lead, ', departmentId: "north"')).toEqual(expect.arrayContaining([...written, newer]));
    // the Employee field pages the same way
    const employeePage = await hub.request(`query($u: ID!) { employee(unionId: $u) { workLogs(first: 4) { pageInfo { endCursor } } } }`, { token: org.tokens.lead, variables: { u: org.ids.nina } });
    const rest = await hub.request(`query($u: ID!, $after: String) { employee(unionId: $u) { workLogs(first: 10, after: $after) { pageInfo { hasNextPage } nodes { id } } } }`, {
      token: org.tokens.lead,
      variables: { u: org.ids.nina, after: employeePage.data!.employee.workLogs.pageInfo.endCursor },
    });
    expect(rest.data!.employee.workLogs).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ id: written[1] }, { id: written[0] }] });
    expect(errorCodes(await hub.request(`{ workLogFeed(after: "garbage") { totalCount } }`, { token: org.tokens.lead }))).toEqual(['BAD_USER_INPUT']);
  });

  it('tells managers who in a department has not submitted a DAILY log for a date', async () => {
    const date = '2026-11-24';
    await createLog(hub, org.tokens.alice, { kind: 'DAILY', date });
    await createLog(hub, org.tokens.nina, { kind: 'DAILY', date });
    await createLog(hub, org.tokens.dave, { kind: 'DAILY', date });
    await createLog(hub, org.tokens.bob, { kind: 'DAILY', date: '2026-11-22' });
    const query = `query($d: ID!, $sub: Boolean) { workLogSubmissions(departmentId: $d, date: "${date}", includeSubdepartments: $sub) { submitted { displayName } missing { displayName } } }`;
    const names = (list: { displayName: string }[]) => list.map((e) => e.displayName).sort();
    const north = await hub.request(query, { token: org.tokens.lead, variables: { d: 'north' } });
    expect(north.errors).toBeUndefined();
    expect({ submitted: names(north.data!.workLogSubmissions.submitted), missing: names(north.data!.workLogSubmissions.missing) }).toEqual({
      submitted: ['Alice', 'Nina'],
      missing: ['Bob', 'Lead'],
    });
    const onlyNorth = await hub.request(query, { token: org.tokens.boss, variables: { d: 'north', sub: false } });
    expect(names(onlyNorth.data!.workLogSubmissions.submitted)).toEqual(['Alice']);
    const admin = await hub.request(query, { token: org.tokens.admin, variables: { d: 'eng' } });
    expect(admin.data!.workLogSubmissions).toEqual({ submitted: [{ displayName: 'Dave' }], missing: [] });
    // someone from another branch may not ask; an unknown department is NOT_FOUND
    expect(errorCodes(await hub.request(query, { token: org.tokens.dave, variables: { d: 'north' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(query, { token: org.tokens.admin, variables: { d: 'nowhere' } }))).toEqual(['NOT_FOUND']);
  });
});
