/**
 * `corphub token --corp demo --role admin [--union <unionId>] [--app <appId>] [--expires 12h]` (`npm run token`)
 * prints a signed caller token alone on its last line (signed with CORPHUB_JWT_SECRET or the dev secret).
 */
import { readSecurityConfig, ROLES, type Role } from '@corphub/module-kit';
import { signDevToken } from './dev-token';
import { EXIT, parseCommand, showUsage, UsageError, type CliIo } from './command';

export const TOKEN_USAGE = `usage: corphub token --corp CORP_ID --role <${ROLES.join('|')}> [--union UNION_ID] [--app APP_ID] [--department DEPARTMENT_ID] [--subject SUBJECT] [--expires 12h]
  prints a development caller token, signed with CORPHUB_JWT_SECRET (default: the development secret), on its last line;
  defaults: --corp demo --role admin`;

export async function tokenCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    corp: { type: 'string', default: 'demo' },
    role: { type: 'string', default: 'admin' },
    union: { type: 'string' },
    app: { type: 'string' },
    department: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, TOKEN_USAGE);
  if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  let token: string;
  try {
    token = await signDevToken(
      { corp: values.corp, role: values.role as Role, union: values.union, app: values.app, department: values.department, subject: values.subject, expiresIn: values.expires },
      readSecurityConfig(io.env).jwtSecret,
    );
  } catch (error) {
    // an unknown role, a vendor without an app, a malformed --expires
    throw new UsageError((error as Error).message);
  }
  io.err(`# ${values.role} token for corp ${values.corp}, valid ${values.expires}`);
  io.out(token);
  return EXIT.OK;
}
