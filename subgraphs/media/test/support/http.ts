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

export interface BytePart {
  contentType: string;
  contentRange: string;
  body: Buffer;
}

/** The parts of a `multipart/byteranges` answer (RFC 9110 section 14.6), read strictly: anything else throws. */
export function byteRangeParts(contentType: string | null, body: Buffer): BytePart[] {
  const boundary = /^multipart\/byteranges; boundary=([0-9A-Za-z'()+_,./:=?-]{1,70})$/.exec(contentType ?? '')?.[1];
  if (!boundary) throw new Error(`not multipart/byteranges: ${contentType}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: BytePart[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) throw new Error('the body does not start with a delimiter');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 4).toString('latin1') === '--\r\n') {
      if (at + 4 !== body.length) throw new Error('bytes after the closing delimiter');
      return parts;
    }
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const headers = Object.fromEntries(
      body
        .subarray(at + 2, headersEnd)
        .toString('latin1')
        .split('\r\n')
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const range = /^bytes (\d+)-(\d+)\/\d+$/.exec(headers['content-range'] ?? '');
    if (!range) throw new Error(`a part without Content-Range: ${JSON.stringify(headers)}`);
    const start = headersEnd + 4;
    const end = start + Number(range[2]) - Number(range[1]) + 1;
    parts.push({ contentType: headers['content-type'], contentRange: headers['content-range'], body: body.subarray(start, end) });
    at = end;
    if (!body.subarray(at, at + delimiter.length).equals(delimiter)) throw new Error(`no delimiter after the part ending at ${at}`);
  }
}
