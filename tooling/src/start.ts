/**
 * `npm start`: the whole hub on the embedded SQLite default (one file per subgraph in ./data), with
 * the demo corp seeded (never with NODE_ENV=production). PORT moves the gateway (default 4000).
 */
import { createLogger, ENV_READERS, ENV_SCHEMA, exitOnInvalidEnv, isProduction, readEnv, readSecurityConfig, Role } from '@corphub/module-kit';
import { DEMO } from '@corphub/demo';
import { startTracing } from '@corphub/gateway';
import { startHub } from './hub';
import { signDevToken } from './dev-token';

async function main() {
  // the gateway and every subgraph in one process: every variable they read is checked first
  exitOnInvalidEnv('corphub', ENV_READERS.filter((reader) => reader !== 'tests' && reader !== 'compose'));
  const settings = readEnv(['PORT', 'HOST']);
  const logger = createLogger('hub');
  const security = readSecurityConfig();
  const port = settings.PORT ?? ENV_SCHEMA.PORT.defaultFor.gateway;
  // production never gets the demo corp, nor a token on stdout that anyone reading the logs could use
  const production = isProduction();
  const tracing = startTracing();
  const hub = await startHub({ port, host: settings.HOST, seedDemo: !production, security, logger });
  const subgraphs = Object.entries(hub.subgraphs).map(([name, { url }]) => `  ${name.padEnd(12)} ${url}`);
  const lines = [
    '',
    `Corphub gateway: http://localhost:${hub.port}/graphql`,
    `Console:         http://localhost:${hub.port}/console${production ? '' : ' (sign in: pick Demo Admin)'}`,
    `GraphiQL:        http://localhost:${hub.port}/graphiql${production ? '' : ' (paste the token below in Headers)'}`,
    `Health:          http://localhost:${hub.port}/health  (ready: /ready, Prometheus: /metrics)`,
    'Subgraphs:',
    ...subgraphs,
    '',
  ];
  if (!production) {
    const token = await signDevToken({ corp: DEMO.corpId, role: Role.ADMIN }, security.jwtSecret);
    lines.push(
      `Development admin token for corp "${DEMO.corpId}" (valid 12h; more with npm run token):`,
      token,
      '',
      'Try:',
      `  curl -H "Authorization: Bearer ${token.slice(0, 12)}…" -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ me { unionId corp { id name } } }"}' http://localhost:${hub.port}/graphql`,
      '',
    );
  }
  lines.push('Ctrl-C stops everything.');
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = async (signal: string) => {
    // a second Ctrl-C does not wait for the orderly stop
    if (stopping) process.exit(130);
    stopping = true;
    logger.info({ signal }, 'stopping');
    await hub.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('Corphub failed to start:', error);
  process.exit(1);
});
