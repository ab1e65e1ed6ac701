import { seedCorp, startTestHub, type SeededCorp, type TestHub, upload } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes, png, pdf } from '@corphub/module-kit/testing';
import { distanceMeters } from '@corphub/attendance';
import { AT_OFFICE, OFFICE, SHANGHAI_SETTINGS, checkIn, createRule, hire, resetClock, setNow } from './helpers';

/** A second place, 13 km north of the office. */
const WAREHOUSE = { name: 'Warehouse', latitude: 31.35, longitude: 121.4737, radiusMeters: 100 };

describe('attendance: check-ins', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  let ruleId: string;
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const rows = async (unionId: string, from = '2026-03-01', to = '2026-03-31') => {
    const response = await hub.request(`query($u: ID!, $f: LocalDate!, $t: LocalDate!) { employee(unionId: $u) { checkIns(from: $f, to: $t, first: 100) { totalCount nodes { id exceptions localDate } } } }`, {
      token: a.adminToken,
      variables: { u: unionId, f: from, t: to },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.employee.checkIns as { totalCount: number; nodes: { id: string; exceptions: string[]; localDate: string }[] };
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_checkin' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    b = await seedCorp(hub, 'corp-b', ['Bob Admin']);
    for (const name of ['Amy', 'Ben', 'Cat', 'Dan', 'Eve']) {
      ids[name] = await hire(hub, a, name);
      token[name] = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids[name] });
    }
    // Monday 2 March 2026, 08:00 in Shanghai (the server runs in UTC)
    setNow('2026-03-02T00:00:00Z');
    ruleId = await createRule(hub, a, { name: 'Shanghai office', settings: { ...SHANGHAI_SETTINGS, places: [OFFICE, WAREHOUSE], fieldPhotoRequired: true, wifiBssids: ['AA:BB:CC:DD:EE:FF'] } });
  });
  afterAll(async () => {
    resetClock();
    await hub?.stop();
  });

  it('judges lateness in the rule’s zone: exactly at the grace minute is on time, a second later is late', async () => {
    setNow('2026-03-02T01:05:00Z'); // 09:05:00 in Shanghai
    const onTime = await checkIn(hub, token.Amy, { type: 'ON_DUTY', location: AT_OFFICE });
    expect(onTime.errors).toBeUndefined();
    expect(onTime.data!.checkIn).toMatchObject({ type: 'ON_DUTY', checkedAt: '2026-03-02T01:05:00.000Z', localDate: '2026-03-02', placeName: 'Office', exceptions: [] });
    setNow('2026-03-02T01:05:01Z');
    const late = await checkIn(hub, token.Ben, { type: 'ON_DUTY', location: AT_OFFICE });
    expect(late.data!.checkIn.exceptions).toEqual(['LATE']);
  });

  it('counts a check-in at 01:00 Shanghai time for the Shanghai day, not the UTC one', async () => {
    setNow('2026-03-02T17:00:00Z'); // Tuesday 01:00 in Shanghai
    const response = await checkIn(hub, token.Eve, { type: 'FIELD', location: AT_OFFICE, photoId: undefined, note: 'night shift' }).catch((error) => error);
    // field needs a photo under this rule: refused
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const onDuty = await checkIn(hub, token.Eve, { type: 'ON_DUTY', location: AT_OFFICE });
    expect(onDuty.data!.checkIn).toMatchObject({ localDate: '2026-03-03', exceptions: [] });
  });

  it('leaving early: exactly at off-duty minus grace is fine, a second before is EARLY_LEAVE', async () => {
    setNow('2026-03-02T09:55:00Z'); // 17:55:00
    const fine = await checkIn(hub, token.Amy, { type: 'OFF_DUTY', location: AT_OFFICE });
    expect(fine.data!.checkIn.exceptions).toEqual([]);
    setNow('2026-03-02T09:54:59Z');
    const early = await checkIn(hub, token.Ben, { type: 'OFF_DUTY', location: AT_OFFICE });
    expect(early.data!.checkIn.exceptions).toEqual(['EARLY_LEAVE']);
  });

  it('places: on the radius edge is in range, beyond it OUT_OF_RANGE unless on an allowed Wi-Fi', async () => {
    setNow('2026-03-04T00:30:00Z'); // Wednesday 08:30
    // due north of the office by almost exactly the radius
    const edge = { latitude: OFFICE.latitude + OFFICE.radiusMeters / 111_195.2, longitude: OFFICE.longitude };
    const distance = distanceMeters(edge, OFFICE);
    expect(distance).toBeLessThanOrEqual(OFFICE.radiusMeters);
    expect(distance).toBeGreaterThan(OFFICE.radiusMeters - 0.01);
    const inside = await checkIn(hub, token.Cat, { type: 'ON_DUTY', location: edge });
    expect(inside.data!.checkIn).toMatchObject({ placeName: 'Office', exceptions: [] });
    expect(inside.data!.checkIn.distanceMeters).toBeCloseTo(OFFICE.radiusMeters, 1);
    const beyond = { latitude: edge.latitude + 0.0001, longitude: edge.longitude };
    const outside = await checkIn(hub, token.Dan, { type: 'ON_DUTY', location: beyond });
    expect(outside.data!.checkIn).toMatchObject({ placeName: null, nearestPlaceName: 'Office', exceptions: ['OUT_OF_RANGE'] });
    expect(outside.data!.checkIn.distanceMeters).toBeGreaterThan(OFFICE.radiusMeters);
    const onWifi = await checkIn(hub, token.Eve, { type: 'ON_DUTY', location: beyond, wifi: { ssid: 'corp', bssid: 'aa:bb:cc:dd:ee:ff' } });
    expect(onWifi.data!.checkIn.exceptions).toEqual([]);
  });

  it('a retried idempotency key answers the first check-in and writes nothing new', async () => {
    setNow('2026-03-05T01:00:00Z');
    const first = await checkIn(hub, token.Cat, { type: 'ON_DUTY', location: AT_OFFICE, idempotencyKey: 'phone-42' });
    setNow('2026-03-05T01:30:00Z');
    const again = await checkIn(hub, token.Cat, { type: 'ON_DUTY', location: AT_OFFICE, idempotencyKey: 'phone-42' });
    expect(again.data!.checkIn).toEqual(first.data!.checkIn);
    expect((await rows(ids.Cat, '2026-03-05', '2026-03-05')).totalCount).toBe(1);
    // the key is the person's own: another person may use the same one
    const other = await checkIn(hub, token.Dan, { type: 'ON_DUTY', location: AT_OFFICE, idempotencyKey: 'phone-42' });
    expect(other.data!.checkIn.id).not.toBe(first.data!.checkIn.id);
  });

  it('field check-ins need an IMAGE of the caller’s corp when the rule asks for a photo', async () => {
    setNow('2026-03-05T03:00:00Z');
    const photo = await upload(hub, token.Amy, png(8, 8, 1));
    const scan = await upload(hub, token.Amy, pdf());
    const foreign = await upload(hub, b.adminToken, png(8, 8, 2));
    expect([photo.status, scan.status, foreign.status]).toEqual([201, 201, 201]);
    const before = (await rows(ids.Amy)).totalCount;
    for (const photoId of [undefined, scan.json.id, foreign.json.id, 'no-such-media']) {
      const refused = await checkIn(hub, token.Amy, { type: 'FIELD', location: AT_OFFICE, photoId });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await rows(ids.Amy)).totalCount).toBe(before);
    const field = await checkIn(hub, token.Amy, { type: 'FIELD', location: { latitude: 30, longitude: 120 }, photoId: photo.json.id });
    expect(field.errors).toBeUndefined();
    // a field check-in is away from the office by design: never OUT_OF_RANGE
    expect(field.data!.checkIn).toMatchObject({ type: 'FIELD', exceptions: [], photo: { id: photo.json.id } });
  });

  it('refuses bad input on checkIn and writes nothing', async () => {
    const before = (await rows(ids.Amy)).totalCount;
    const bad = [
      { type: 'ON_DUTY', location: { latitude: 91, longitude: 0 } },
      { type: 'ON_DUTY', location: { latitude: 0, longitude: -180.5 } },
      { type: 'ON_DUTY', location: { latitude: 0, longitude: 0, accuracyMeters: -1 } },
      { type: 'ON_DUTY', wifi: { bssid: 'not-a-mac' } },
      { type: 'ON_DUTY', note: 'x'.repeat(501) },
      { type: 'ON_DUTY', idempotencyKey: '' },
      { type: 'SIDEWAYS' },
    ];
    for (const input of bad) expect(errorCodes(await checkIn(hub, token.Amy, input))).toEqual(['BAD_USER_INPUT']);
    expect((await rows(ids.Amy)).totalCount).toBe(before);
    // only an employee checks in, for themself
    expect(errorCodes(await checkIn(hub, a.adminToken, { type: 'ON_DUTY' }))).toEqual(['FORBIDDEN']);
  });

  it('refuses bad rules and writes nothing', async () => {
    const list = async () => (await hub.request(`{ checkInRules { id } }`, { token: a.adminToken })).data!.checkInRules.length;
    const before = await list();
    const broken = [
      { timezone: 'Mars/Olympus' },
      { onDutyTime: '9am' },
      { offDutyTime: '08:00' },
      { workDays: [0, 8] },
      { lateGraceMinutes: -1 },
      { places: [{ ...OFFICE, latitude: 100 }] },
      { places: [{ ...OFFICE, radiusMeters: 0 }] },
      { wifiBssids: ['zz'] },
    ];
    for (const change of broken) {
      const response = await hub.request(`mutation($input: CreateCheckInRuleInput!) { createCheckInRule(input: $input) { id } }`, {
        token: a.adminToken,
        variables: { input: { name: 'Broken', settings: { ...SHANGHAI_SETTINGS, ...change } } },
      });
      expect([JSON.stringify(change), errorCodes(response)]).toEqual([JSON.stringify(change), ['BAD_USER_INPUT']]);
    }
    expect(await list()).toBe(before);
    const update = await hub.request(`mutation($input: UpdateCheckInRuleInput!) { updateCheckInRule(input: $input) { id } }`, {
      token: a.adminToken,
      variables: { input: { id: ruleId, settings: { ...SHANGHAI_SETTINGS, onDutyTime: '25:00' } } },
    });
    expect(errorCodes(update)).toEqual(['BAD_USER_INPUT']);
    const unknown = await hub.request(`mutation { retireCheckInRule(id: "00000000-0000-4000-8000-000000000000") { id } }`, { token: a.adminToken });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    const asEmployee = await hub.request(`mutation($input: CreateCheckInRuleInput!) { createCheckInRule(input: $input) { id } }`, {
      token: token.Amy,
      variables: { input: { name: 'Mine', settings: SHANGHAI_SETTINGS } },
    });
    expect(errorCodes(asEmployee)).toEqual(['FORBIDDEN']);
  });

  it('a rule change applies from the next day and never rewrites past results', async () => {
    setNow('2026-03-10T01:10:00Z'); // Tuesday 09:10: late with 5 minutes' grace
    const before = await checkIn(hub, token.Dan, { type: 'ON_DUTY', location: AT_OFFICE });
    expect(before.data!.checkIn.exceptions).toEqual(['LATE']);
    const update = await hub.request(`mutation($input: UpdateCheckInRuleInput!) { updateCheckInRule(input: $input) { versions { effectiveFrom lateGraceMinutes } current { lateGraceMinutes } } }`, {
      token: a.adminToken,
      variables: { input: { id: ruleId, settings: { ...SHANGHAI_SETTINGS, fieldPhotoRequired: true, lateGraceMinutes: 15 } } },
    });
    expect(update.errors).toBeUndefined();
    expect(update.data!.updateCheckInRule).toEqual({
      versions: [
        { effectiveFrom: '2026-03-02', lateGraceMinutes: 5 },
        { effectiveFrom: '2026-03-11', lateGraceMinutes: 15 },
      ],
      current: { lateGraceMinutes: 5 },
    });
    // still today: the old settings
    const sameDay = await checkIn(hub, token.Eve, { type: 'ON_DUTY', location: AT_OFFICE });
    expect(sameDay.data!.checkIn.exceptions).toEqual(['LATE']);
    setNow('2026-03-11T01:10:00Z');
    const nextDay = await checkIn(hub, token.Dan, { type: 'ON_DUTY', location: AT_OFFICE });
    expect(nextDay.data!.checkIn.exceptions).toEqual([]);
    const past = (await rows(ids.Dan, '2026-03-10', '2026-03-10')).nodes;
    expect(past.map((row) => row.exceptions)).toEqual([['LATE']]);
  });

  it('keeps corps apart: another corp sees none of its rules or check-ins', async () => {
    const rules = await hub.request(`{ checkInRules(includeRetired: true) { id } }`, { token: b.adminToken });
    expect(rules.data!.checkInRules).toEqual([]);
    const foreignRule = await hub.request(`query($id: ID!) { checkInRule(id: $id) { id } }`, { token: b.adminToken, variables: { id: ruleId } });
    expect(errorCodes(foreignRule)).toEqual(['NOT_FOUND']);
    const retire = await hub.request(`mutation($id: ID!) { retireCheckInRule(id: $id) { id } }`, { token: b.adminToken, variables: { id: ruleId } });
    expect(errorCodes(retire)).toEqual(['NOT_FOUND']);
    const update = await hub.request(`mutation($input: UpdateCheckInRuleInput!) { updateCheckInRule(input: $input) { id } }`, { token: b.adminToken, variables: { input: { id: ruleId, name: 'Mine now' } } });
    expect(errorCodes(update)).toEqual(['NOT_FOUND']);
    // corp B's person with the same idempotency key as a corp A person: their own row, judged by no rule
    const bob = await hub.token({ corp: b.corpId, role: Role.EMPLOYEE, union: b.people[0].unionId });
    setNow('2026-03-11T03:00:00Z');
    const theirs = await checkIn(hub, bob, { type: 'ON_DUTY', location: AT_OFFICE, idempotencyKey: 'phone-42' });
    expect(theirs.data!.checkIn).toMatchObject({ placeName: null, exceptions: [] });
    const asB = await hub.request(`query($u: ID!) { employee(unionId: $u) { checkIns(from: "2026-03-01", to: "2026-03-31") { totalCount } } }`, { token: b.adminToken, variables: { u: ids.Cat } });
    expect(errorCodes(asB)).toEqual(['NOT_FOUND']);
  });
  it('names the nearest configured place and its distance for an out-of-range check-in', async () => {
    setNow('2026-03-05T00:30:00Z'); // Thursday 08:30
    // 300 m north of the warehouse (radius 100 m), about 14 km from the office
    const nearWarehouse = { latitude: WAREHOUSE.latitude + 300 / 111_195.2, longitude: WAREHOUSE.longitude, accuracyMeters: 10 };
    const response = await checkIn(hub, token.Amy, { type: 'ON_DUTY', location: nearWarehouse });
    expect(response.errors).toBeUndefined();
    expect(response.data!.checkIn).toMatchObject({ placeName: null, nearestPlaceName: 'Warehouse', exceptions: ['OUT_OF_RANGE'] });
    expect(response.data!.checkIn.distanceMeters).toBeCloseTo(300, 0);
  });
});
