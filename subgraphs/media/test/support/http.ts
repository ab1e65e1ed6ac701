import fs from 'node:fs';
import path from 'node:path';
import type { TestHub } from '@corphub/gateway';

export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, any>;
}

/** The gateway's origin: `/media` lives beside `/graphql`. */
export const originOf = (hub: TestHub) => new URL(hub.url).origin;

/** `POST /media` with a raw body, as a phone app would send a file. */
export async function upload(hub: TestHub, token: string | undefined, bytes: Buffer, options: { kind?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL('/media', originOf(hub));
  if (options.kind) url.searchParams.set('kind', options.kind);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
    body: bytes,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
}

/** `POST /media` as multipart/form-data (a browser form), with fields before the file. */
export async function uploadForm(hub: TestHub, token: string, bytes: Buffer, fields: Record<string, string> = {}): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), 'upload.bin');
  const response = await fetch(new URL('/media', originOf(hub)), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
}

export async function download(url: string, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** The files stored under their hash (`media/ab/abcdef…`), without the staging folder. */
export const storedFiles = (hub: TestHub) => {
  const root = path.join(hub.dataDir, 'media');
  return filesUnder(root).filter((file) => !path.relative(root, file).startsWith(`tmp${path.sep}`));
};
export const stagingFiles = (hub: TestHub) => filesUnder(path.join(hub.dataDir, 'media', 'tmp'));

export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
