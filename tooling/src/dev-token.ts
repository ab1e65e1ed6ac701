import { Role, ROLES, type AuthContext } from '@corphub/module-kit';
import { DEMO } from '@corphub/demo';
import { signCallerToken } from '@corphub/gateway';

export interface DevTokenRequest {
  corp: string;
  role: Role;
  union?: string;
  app?: string;
  subject?: string;
  expiresIn?: string;
}

/** Development and service tokens, signed with the hub's own HS256 secret. */
export function devTokenClaims({ corp, role, union, app, subject }: DevTokenRequest): AuthContext {
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (role === Role.VENDOR && !app) throw new Error('--role vendor needs --app <appId>');
  if (role === Role.EMPLOYEE && !union) throw new Error('--role employee needs --union <unionId>');
  // the demo corp's admin is a seeded person, so `me` has someone behind it
  const unionId = union ?? (corp === DEMO.corpId && role === Role.ADMIN ? DEMO.adminUnionId : undefined);
  return { subject: subject ?? unionId ?? (app ? `app:${app}` : `${role}@${corp}`), corpId: corp, role, unionId, appId: app };
}

export function signDevToken(request: DevTokenRequest, secret: string): Promise<string> {
  return signCallerToken(devTokenClaims(request), secret, request.expiresIn ?? '12h');
}
