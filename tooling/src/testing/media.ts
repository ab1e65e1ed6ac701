import type { TestHub } from './hub';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: Record<string, any>;
}

/** The gateway's origin: `/media` and the other subgraph routes live beside `/graphql`. */
export const originOf = (hub: { url: string }) => new URL(hub.url).origin;

const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** `POST /media` with a raw body, as a phone app would send a file. */
export async function upload(
  hub: TestHub,
  token: string | undefined,
  bytes: Buffer,
  options: { kind?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const url = new URL('/media', originOf(hub));
  if (options.kind) url.searchParams.set('kind', options.kind);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...bearer(token), ...options.headers },
    body: bytes,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
}

/** `POST /media` as multipart/form-data (a browser form), with fields before the file. */
export async function uploadForm(hub: TestHub, token: string, bytes: Buffer, fields: Record<string, string> = {}): Promise<HttpAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), 'upload.bin');
  const response = await fetch(new URL('/media', originOf(hub)), { method: 'POST', headers: bearer(token), body: form });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
}

/** GET a URL (a media link, a CSV export) with an optional bearer token; the body as bytes. */
export async function download(url: string, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { ...bearer(token), ...headers } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}
