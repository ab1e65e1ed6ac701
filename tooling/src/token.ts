/**
 * `npm run token -- --corp demo --role admin [--union <unionId>] [--app <appId>] [--expires 12h]`
 * prints a signed caller token alone on its last line (signed with CORPHUB_JWT_SECRET or the dev secret).
 */
import { parseArgs } from 'node:util';
import { readSecurityConfig, ROLES, type Role } from '@corphub/module-kit';
import { signDevToken } from './dev-token';

async function main() {
  const { values } = parseArgs({
    options: {
      corp: { type: 'string', default: 'demo' },
      role: { type: 'string', default: 'admin' },
      union: { type: 'string' },
      app: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: npm run token -- --corp <corpId> --role <${ROLES.join('|')}> [--union <unionId>] [--app <appId>] [--expires 12h]`);
    return;
  }
  const token = await signDevToken(
    { corp: values.corp, role: values.role as Role, union: values.union, app: values.app, subject: values.subject, expiresIn: values.expires },
    readSecurityConfig().jwtSecret,
  );
  console.error(`# ${values.role} token for corp ${values.corp}, valid ${values.expires}`);
  console.log(token);
}

main().catch((error: Error) => {
  console.error(`token: ${error.message}`);
  process.exit(2);
});
