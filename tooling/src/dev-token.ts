import { callerRoleOf, Role, ROLES, type AuthContext } from '@corphub/module-kit';
import { DEMO, DEMO_ADMIN_ROLES } from '@corphub/demo';
import { signCallerToken } from '@corphub/gateway';

export interface DevTokenRequest {
  corp: string;
  role: Role;
  union?: string;
  app?: string;
  subject?: string;
  /** role department_admin: the department whose subtree they administer. */
  department?: string;
  expiresIn?: string;
}

/** Development and service tokens, signed with the hub's own HS256 secret. */
export function devTokenClaims({ corp, role, union, app, subject, department: asked }: DevTokenRequest): AuthContext {
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (role === Role.VENDOR && !app) throw new Error('--role vendor needs --app <appId>');
  if (role === Role.EMPLOYEE && !union) throw new Error('--role employee needs --union <unionId>');
  // in the demo corp, each admin role is a seeded person (DEMO_ADMIN_ROLES), so `me` has someone behind it
  const demo = corp === DEMO.corpId && !union && !app ? DEMO_ADMIN_ROLES.find((person) => callerRoleOf(person).role === role) : undefined;
  const unionId = union ?? demo?.unionId;
  const department = asked ?? (demo && callerRoleOf(demo).department);
  if (role === Role.DEPARTMENT_ADMIN && !department) throw new Error('--role department_admin needs --department <departmentId>');
  if (role !== Role.DEPARTMENT_ADMIN && department) throw new Error('--department goes with --role department_admin only');
  return { subject: subject ?? unionId ?? (app ? `app:${app}` : `${role}@${corp}`), corpId: corp, role, unionId, appId: app, ...(department ? { department } : {}) };
}

export function signDevToken(request: DevTokenRequest, secret: string): Promise<string> {
  return signCallerToken(devTokenClaims(request), secret, request.expiresIn ?? '12h');
}
