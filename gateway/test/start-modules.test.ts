import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The built gateway (npm run build), as its process (main.ts) loads it. */
const GATEWAY_DIST = path.join(__dirname, '..', 'dist', 'index.js');

/** The environment with no OTEL_* variable: tracing off unless a test starts it. */
function withoutTracing(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('OTEL_')));
}

/**
 * The packages a fresh Node process has loaded once it has required the built gateway and run `script` on it
 * (`gateway` in scope): read from require.cache, as names like `@mikro-orm/core`.
 */
function packagesLoaded(script = ''): string[] {
  const program = `
    const gateway = require(${JSON.stringify(GATEWAY_DIST)});
    Promise.resolve((async () => { ${script} })()).then(() => {
      const names = new Set(Object.keys(require.cache).map((file) => /.*node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean));
      process.stdout.write(JSON.stringify([...names].sort()));
      process.exit(0);
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8', env: withoutTracing(process.env) })) as string[];
}

describe('what the gateway loads at start', () => {
  it('loads neither MikroORM nor the OpenTelemetry SDK: the gateway has no ORM, and tracing is off', () => {
    const loaded = packagesLoaded();
    // the gateway itself was loaded (else the test proves nothing)
    expect(loaded).toEqual(expect.arrayContaining(['@apollo/gateway', '@opentelemetry/api']));
    // (Apollo Gateway brings OpenTelemetry's metrics SDK itself, for its usage telemetry: not ours to defer)
    expect(loaded.filter((name) => name.startsWith('@mikro-orm/') || /^@opentelemetry\/(sdk-trace-|exporter-trace-)/.test(name))).toEqual([]);
  });

  it('loads the OpenTelemetry SDK once tracing is started', () => {
    const loaded = packagesLoaded(`
      const tracing = gateway.startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
      await tracing.shutdown();`);
    expect(loaded).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http']));
  });
});
