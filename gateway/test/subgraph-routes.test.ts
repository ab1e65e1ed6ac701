import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { identity } from '@corphub/identity';
import { mediaSubgraph } from '@corphub/media';
import { originOf, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { png, waitFor } from '@corphub/module-kit/testing';

const MiB = 1024 * 1024;
// the gateway forwards bodies up to 16 MiB; media takes photos up to 20 kB and documents up to 32 MiB
const MAX_UPLOAD = 16 * MiB;
const LIMITS = { IMAGE: { maxBytes: 20_000 }, DOCUMENT: { maxBytes: 32 * MiB }, AUDIO: { maxBytes: 40_000, maxSeconds: 2 } };

interface RawAnswer {
  status: number;
  json: Record<string, any>;
  /** Whether the gateway said 100 Continue. */
  continued: boolean;
}

/**
 * POST /media over plain node:http, as curl sends it: with a Content-Length or chunked, with or without
 * `Expect: 100-continue` (then the body goes only after 100 Continue, and not at all after a final answer).
 */
function post(hub: TestHub, token: string, kind: string, body: Buffer, how: { chunked?: boolean; expectContinue?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' };
    if (!how.chunked) headers['content-length'] = body.length;
    if (how.expectContinue) headers.expect = '100-continue';
    const request = http.request(new URL(`/media?kind=${kind}`, originOf(hub)), { method: 'POST', headers });
    let continued = false;
    let answered = false;
    const sendBody = () => {
      let offset = 0;
      const next = () => {
        while (offset < body.length && !answered) {
          const chunk = body.subarray(offset, (offset += 256 * 1024));
          if (!request.write(chunk)) return void request.once('drain', next);
        }
        request.end();
      };
      next();
    };
    request.on('continue', () => {
      continued = true;
      sendBody();
    });
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode!, json: JSON.parse(text), continued });
        request.destroy();
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!how.expectContinue) sendBody();
  });
}

const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((file) => fs.statSync(path.join(dir, file)).isFile()) : []);

describe("a subgraph's own HTTP routes at the gateway", () => {
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, mediaSubgraph({ limits: LIMITS })], label: 'subgraph_routes', gateway: { maxUploadBytes: MAX_UPLOAD } });
    token = await hub.token({ corp: 'acme', union: 'un_uploader' });
  });
  afterAll(() => hub?.stop());

  const stored = async () => {
    const response = await hub.request(`{ mediaList(first: 1) { totalCount } }`, { token });
    expect(response.errors).toBeUndefined();
    return { records: response.data!.mediaList.totalCount as number, files: filesUnder(path.join(hub.dataDir, 'media')).filter((file) => !file.startsWith('tmp')).length };
  };
  /** Nothing was kept: no record, no file, and (once media has cleaned up) nothing staged. */
  const expectNothingStored = async (before: { records: number; files: number }) => {
    await waitFor('the staging folder to be empty', () => filesUnder(path.join(hub.dataDir, 'media', 'tmp')).length === 0, 5000);
    expect(await stored()).toEqual(before);
  };

  describe('refuse an upload over the limit with 413, never 502', () => {
    it('by its Content-Length, before forwarding it (a 20 MiB document from fetch, as a browser sends it)', async () => {
      const before = await stored();
      const response = await fetch(new URL('/media?kind=DOCUMENT', originOf(hub)), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
        body: Buffer.alloc(20 * MiB, 7),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(`at most ${MAX_UPLOAD} bytes`), maxBytes: MAX_UPLOAD } });
      await expectNothingStored(before);
    });

    it('with Expect: 100-continue, without asking for the body', async () => {
      const before = await stored();
      const answer = await post(hub, token, 'DOCUMENT', Buffer.alloc(20 * MiB, 8), { expectContinue: true });
      expect(answer).toEqual({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), maxBytes: MAX_UPLOAD } }, continued: false });
      await expectNothingStored(before);
    });

    it("passing on the subgraph's own 413 for a body the gateway lets through (media closes while it is still sent)", async () => {
      const before = await stored();
      // 8 MiB is far more than the sockets buffer: without care the gateway's write fails before it reads media's answer
      const answer = await post(hub, token, 'IMAGE', Buffer.alloc(8 * MiB, 9));
      expect(answer.status).toBe(413);
      expect(answer.json.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_LARGE', maxBytes: LIMITS.IMAGE.maxBytes });
      await expectNothingStored(before);
    });

    it("passing on the subgraph's 413 with Expect: 100-continue", async () => {
      const before = await stored();
      const answer = await post(hub, token, 'IMAGE', Buffer.alloc(8 * MiB, 10), { expectContinue: true });
      expect([answer.status, answer.continued, answer.json.error.reason]).toEqual([413, true, 'TOO_LARGE']);
      await expectNothingStored(before);
    });

    it("chunked, with no length declared: the subgraph's 413", async () => {
      const before = await stored();
      const answer = await post(hub, token, 'IMAGE', Buffer.alloc(8 * MiB, 11), { chunked: true });
      expect([answer.status, answer.json.error.reason]).toEqual([413, 'TOO_LARGE']);
      await expectNothingStored(before);
    });

    it("chunked past the gateway's own limit, which the subgraph would take: cut off with the gateway's 413", async () => {
      const before = await stored();
      const answer = await post(hub, token, 'DOCUMENT', Buffer.alloc(20 * MiB, 12), { chunked: true });
      expect(answer).toEqual({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), maxBytes: MAX_UPLOAD } }, continued: false });
      await expectNothingStored(before);
    });

    it('and still take an upload within every limit, with Expect: 100-continue too', async () => {
      const answer = await post(hub, token, 'IMAGE', png(12, 12, 31), { expectContinue: true });
      expect([answer.status, answer.continued, answer.json.kind]).toEqual([201, true, 'IMAGE']);
      const chunked = await post(hub, token, 'IMAGE', png(12, 12, 32), { chunked: true });
      expect([chunked.status, chunked.json.kind]).toEqual([201, 'IMAGE']);
    });
  });

  it.each([
    ['a NUL', '/media/%00'],
    ['a NUL inside an id', '/media/abc%00def?sig=x'],
    ['a lone surrogate', '/media/%ED%A0%80'],
    ['a truncated percent-escape', '/media/%E0%A4%A'],
    ['a percent sign without hex digits', '/media/%ZZ'],
  ])('refuses a path with %s with 400 before forwarding it', async (_case, route) => {
    for (const init of [{ headers: { authorization: `Bearer ${token}` } }, {}]) {
      const response = await fetch(new URL(route, originOf(hub)), init);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/^The URL path /) } });
    }
  });

  it('answers SCIM paths the same way, in SCIM shape', async () => {
    const response = await fetch(new URL('/scim/v2/Users/%00', originOf(hub)), { headers: { authorization: `Bearer ${await hub.token({ corp: 'acme' })}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: '400', scimType: 'invalidValue', detail: 'The URL path contains a NUL character' });
  });
});
