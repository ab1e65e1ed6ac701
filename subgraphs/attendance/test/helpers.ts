import { hire as hireOnly, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { clock } from '@corphub/attendance';

export { createDepartments } from '@corphub/tooling/testing';

/** Hires a person who joined on 1 January 2026 unless `joinedAt` says otherwise (the directory's default is the real today). */
export function hire(hub: TestHub, corp: SeededCorp, displayName: string, input: Record<string, unknown> = {}): Promise<string> {
  return hireOnly(hub, corp, displayName, { joinedAt: '2026-01-01', ...input });
}

/** The server's clock for check-ins, set to an instant (UTC). */
export function setNow(iso: string): void {
  const at = new Date(iso);
  clock.now = () => new Date(at);
}

export function resetClock(): void {
  clock.now = () => new Date();
}

export const OFFICE = { name: 'Office', latitude: 31.2304, longitude: 121.4737, radiusMeters: 200 };

/** Monday to Friday 09:00–18:00 in Shanghai, 5 minutes' grace each way, the office as its place. */
export const SHANGHAI_SETTINGS = {
  timezone: 'Asia/Shanghai',
  workDays: [1, 2, 3, 4, 5],
  onDutyTime: '09:00',
  offDutyTime: '18:00',
  lateGraceMinutes: 5,
  earlyLeaveGraceMinutes: 5,
  places: [OFFICE],
};

export async function createRule(hub: TestHub, corp: SeededCorp, input: Record<string, unknown>): Promise<string> {
  const response = await hub.request(`mutation($input: CreateCheckInRuleInput!) { createCheckInRule(input: $input) { id } }`, { token: corp.adminToken, variables: { input } });
  if (response.errors) throw new Error(`createCheckInRule: ${JSON.stringify(response.errors)}`);
  return response.data!.createCheckInRule.id as string;
}

export const CHECK_IN = `mutation($input: CheckInInput!) { checkIn(input: $input) { id type checkedAt localDate placeName nearestPlaceName distanceMeters exceptions photo { id } } }`;

export async function checkIn(hub: TestHub, token: string, input: Record<string, unknown>) {
  return hub.request(CHECK_IN, { token, variables: { input } });
}

export const AT_OFFICE = { latitude: OFFICE.latitude, longitude: OFFICE.longitude, accuracyMeters: 10 };
