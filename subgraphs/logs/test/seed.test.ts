import { benchmarkPeople } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { logs } from '@corphub/logs';
import { demoVoiceWav, media } from '@corphub/media';
import { download } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE, DEMO_VOICE_NOTE } from '@corphub/demo';
import { letTimersRun } from '@corphub/module-kit/testing';

const DASHBOARD = `{ department(id: "sales") { members(first: 50, includeSubdepartments: true) { nodes { displayName workLogs(first: 1) { edges { node { date text voice { durationSeconds url } } } } } } } }`;

describe('logs seeds', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'logs_seed' });
  });
  afterAll(() => hub?.stop());

  it('seeds three days of DAILY logs for the demo corp idempotently, voice notes included; the dashboard query reads them', async () => {
    for (let run = 0; run < 2; run++) {
      await identity.seedDemo!(hub.subgraphs.identity.orm);
      await directory.seedDemo!(hub.subgraphs.directory.orm);
      await media.seedDemo!(hub.subgraphs.media.orm, { dataDir: hub.dataDir });
      await logs.seedDemo!(hub.subgraphs.logs.orm);
    }
    await letTimersRun();
    const admin = await hub.token({ corp: DEMO.corpId, union: DEMO.adminUnionId });
    const feed = await hub.request(`{ workLogFeed(kind: DAILY) { totalCount } }`, { token: admin });
    expect(feed.data).toEqual({ workLogFeed: { totalCount: 3 * DEMO_PEOPLE.length } });
    const dashboard = await hub.request(DASHBOARD, { token: admin });
    expect(dashboard.errors).toBeUndefined();
    const members = dashboard.data!.department.members.nodes;
    expect(members).toHaveLength(10);
    // two people in three have the demo voice note on their newest log, a real WAV stored through the media subgraph
    const voiced = (name: string) => DEMO_PEOPLE.findIndex((person) => person.displayName === name) % 3 !== 2;
    for (const member of members) {
      expect({ member: member.displayName, edges: member.workLogs.edges }).toEqual({
        member: member.displayName,
        edges: [{ node: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), text: expect.any(String), voice: voiced(member.displayName) ? { durationSeconds: DEMO_VOICE_NOTE.durationSeconds, url: expect.any(String) } : null } }],
      });
    }
    const { url } = members.find((member: { displayName: string }) => voiced(member.displayName)).workLogs.edges[0].node.voice;
    const file = await download(url);
    expect([file.status, file.headers.get('content-type'), file.body.equals(demoVoiceWav())]).toEqual([200, 'audio/wav', true]);
    const stored = await hub.request(`{ mediaList { totalCount nodes { id kind durationSeconds uploadedBy } } }`, { token: admin });
    expect(stored.data).toEqual({ mediaList: { totalCount: 1, nodes: [{ id: DEMO_VOICE_NOTE.mediaId, kind: 'AUDIO', durationSeconds: DEMO_VOICE_NOTE.durationSeconds, uploadedBy: DEMO_PEOPLE[1].unionId }] } });
    // every fifth person writes for the admin only (PEOPLE): an employee sees the others' logs
    const liWei = await hub.token({ corp: DEMO.corpId, role: Role.EMPLOYEE, union: DEMO_PEOPLE[1].unionId });
    const seen = await hub.request(`{ workLogFeed(kind: DAILY) { totalCount } }`, { token: liWei });
    const hidden = DEMO_PEOPLE.filter((_, index) => index % 5 === 4 && index !== 1).length;
    expect(seen.data).toEqual({ workLogFeed: { totalCount: 3 * (DEMO_PEOPLE.length - hidden) } });
  });

  it('seeds a benchmark corp in batches', async () => {
    const corp = { corpId: 'bench', corpName: 'Bench', people: benchmarkPeople(300, 'bench') };
    await identity.seedBenchmark!(hub.subgraphs.identity.orm, corp);
    await directory.seedBenchmark!(hub.subgraphs.directory.orm, corp);
    await logs.seedBenchmark!(hub.subgraphs.logs.orm, corp);
    await letTimersRun();
    const token = await hub.token({ corp: 'bench', role: Role.EMPLOYEE, union: corp.people[5].unionId });
    const response = await hub.request(`query($u: ID!) { workLogFeed { totalCount } employee(unionId: $u) { workLogs(first: 5) { totalCount } } }`, { token, variables: { u: corp.people[7].unionId } });
    expect(response.data).toEqual({ workLogFeed: { totalCount: 900 }, employee: { workLogs: { totalCount: 3 } } });
    await expect(logs.seedBenchmark!(hub.subgraphs.logs.orm, corp)).rejects.toThrow(/already has work logs/);
  });
});
