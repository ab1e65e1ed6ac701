import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseTarget } from '../orm';

/** A throwaway database for one test suite (or one generator run): every subgraph gets its own place in it. */
export interface TestDatabase {
  dialect: DatabaseTarget['dialect'];
  targetFor(subgraph: string): DatabaseTarget;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * With `DATABASE_URL` set: a uniquely named PostgreSQL database on that server (one schema per
 * subgraph in it, as in production), dropped afterwards. Otherwise: SQLite files in a temp folder.
 */
export async function testDatabase(label = 'test', env: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  const unique = `corphub_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  if (env.DATABASE_URL) {
    const serverUrl = env.DATABASE_URL;
    await onServer(serverUrl, (client) => client.query(`create database "${unique}"`));
    const url = withDatabase(serverUrl, unique);
    return {
      dialect: 'postgresql',
      targetFor: (subgraph) => ({ dialect: 'postgresql', url, schema: subgraph }),
      drop: () => onServer(serverUrl, (client) => client.query(`drop database if exists "${unique}" with (force)`)).then(() => undefined),
    };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `${unique}-`));
  return {
    dialect: 'sqlite',
    targetFor: (subgraph) => ({ dialect: 'sqlite', file: path.join(folder, `${subgraph}.sqlite`) }),
    drop: () => fs.promises.rm(folder, { recursive: true, force: true }),
  };
}
