/**
 * `npm start` as its own process (the built tooling/dist/start.js): with NODE_ENV=production it seeds no
 * demo corp and prints no token; in development it does both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '@corphub/demo';
import { signCallerToken } from '@corphub/gateway';
import { Role } from '@corphub/module-kit';
import { graphqlRequest } from '@corphub/module-kit/testing';

jest.setTimeout(180_000);

const START = path.join(__dirname, '..', 'dist', 'start.js');
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the hub and resolves with everything it printed once it says it is up. */
function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Ctrl-C stops everything.')) resolve({ child, stdout });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`start.js exited ${code}:\n${stdout}\n${stderr}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('npm start', () => {
  const dataDirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await stop(child);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The environment of a fresh hub on its own SQLite files and port (never the CI's PostgreSQL database). */
  const hubEnv = async (extra: NodeJS.ProcessEnv) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-start-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', CORPHUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
    delete env.DATABASE_URL;
    return { env, url: `http://127.0.0.1:${port}/graphql` };
  };

  it('in production seeds no demo corp and prints no token', async () => {
    const jwtSecret = randomBytes(32).toString('hex');
    const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { env, url } = await hubEnv({
      NODE_ENV: 'production',
      CORPHUB_JWT_SECRET: jwtSecret,
      CORPHUB_INTERNAL_SECRET: randomBytes(32).toString('hex'),
      CORPHUB_CONTEXT_PRIVATE_KEY: pem(generateKeyPairSync('ed25519').privateKey),
      CORPHUB_OIDC_SIGNING_KEY: pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    });
    env.CORPHUB_PUBLIC_URL = new URL(url).origin;
    const { child, stdout } = await start(env);
    children.push(child);
    expect(stdout).toContain(url.replace('127.0.0.1', 'localhost'));
    expect(stdout).not.toMatch(JWT);
    const token = await signCallerToken({ subject: 'ops', corpId: DEMO.corpId, role: Role.ADMIN, unionId: DEMO.adminUnionId }, jwtSecret, '5m');
    const answer = await graphqlRequest(url, '{ corp { id } people { totalCount } }', { token });
    expect(answer.data?.corp ?? null).toBeNull();
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain('NOT_FOUND');
  });

  it('in development seeds the demo corp and prints an admin token for it', async () => {
    const { env, url } = await hubEnv({ NODE_ENV: 'development' });
    const { child, stdout } = await start(env);
    children.push(child);
    const token = JWT.exec(stdout)?.[0];
    expect(token).toBeDefined();
    const answer = await graphqlRequest(url, '{ corp { id } }', { token });
    expect(answer.data).toEqual({ corp: { id: DEMO.corpId } });
  });
});
