import http from 'node:http';
import { identity } from '@corphub/identity';
import { download, originOf, startTestHub, type TestHub, upload } from '@corphub/tooling/testing';
import { mediaSubgraph } from '@corphub/media';
import { png, wav } from '@corphub/module-kit/testing';
import { byteRangeParts } from './support/byteranges';

// short enough to watch a link expire, long enough for a loaded CI machine to use it first
const TTL_SECONDS = 6;

describe('media downloads (GET /media/:id at the gateway)', () => {
  let hub: TestHub;
  let token: string;
  const voice = wav(2, 8000, 1);
  let voiceId: string;
  let voiceSha: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, mediaSubgraph({ urlTtlSeconds: TTL_SECONDS })], label: 'media_download' });
    token = await hub.token({ corp: 'acme' });
    const uploaded = await upload(hub, token, voice, { kind: 'AUDIO' });
    expect(uploaded.status).toBe(201);
    voiceId = uploaded.json.id;
    voiceSha = uploaded.json.sha256;
  });
  afterAll(() => hub?.stop());

  const fileUrl = (id: string) => `${originOf(hub)}/media/${id}`;

  it('serves the bytes to a bearer token with their type and an ETag from the hash', async () => {
    const answer = await download(fileUrl(voiceId), token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(voice);
    expect(answer.headers.get('content-type')).toBe('audio/wav');
    expect(answer.headers.get('etag')).toBe(`"${voiceSha}"`);
    expect(answer.headers.get('accept-ranges')).toBe('bytes');
    expect(answer.headers.get('content-length')).toBe(String(voice.length));
  });

  it('answers 304 when the caller has the same version', async () => {
    // node:http rather than fetch: fetch adds `cache-control: no-cache` to conditional requests, which rightly defeats them
    const status = await new Promise<number>((resolve, reject) => {
      http.get(fileUrl(voiceId), { headers: { authorization: `Bearer ${token}`, 'if-none-match': `"${voiceSha}"` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(304);
  });

  it('serves a byte range with 206, a suffix range, and refuses an unsatisfiable one with 416', async () => {
    const part = await download(fileUrl(voiceId), token, { range: 'bytes=100-1099' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${voice.length}`);
    expect(part.body).toEqual(voice.subarray(100, 1100));
    const tail = await download(fileUrl(voiceId), token, { range: 'bytes=-44' });
    expect(tail.status).toBe(206);
    expect(tail.body).toEqual(voice.subarray(voice.length - 44));
    const beyond = await download(fileUrl(voiceId), token, { range: `bytes=${voice.length + 10}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${voice.length}`);
    // a range for an older version (If-Range with another ETag) gets the whole file
    const stale = await download(fileUrl(voiceId), token, { range: 'bytes=0-9', 'if-range': '"0000"' });
    expect([stale.status, stale.body.length]).toEqual([200, voice.length]);
  });

  it('serves several ranges as one 206 multipart/byteranges answer, overlapping ones merged', async () => {
    const answer = await download(fileUrl(voiceId), token, { range: 'bytes=0-43, 1000-1009, 1005-1019, -5' });
    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-length')).toBe(String(answer.body.length));
    expect(byteRangeParts(answer.headers.get('content-type'), answer.body)).toEqual([
      { contentType: 'audio/wav', contentRange: `bytes 0-43/${voice.length}`, body: voice.subarray(0, 44) },
      { contentType: 'audio/wav', contentRange: `bytes 1000-1019/${voice.length}`, body: voice.subarray(1000, 1020) },
      { contentType: 'audio/wav', contentRange: `bytes ${voice.length - 5}-${voice.length - 1}/${voice.length}`, body: voice.subarray(voice.length - 5) },
    ]);
    // more ranges than MAX_RANGES (16): the whole file, which RFC 9110 allows instead of a long multipart answer
    const many = Array.from({ length: 17 }, (_, i) => `${i * 100}-${i * 100 + 9}`).join(',');
    const whole = await download(fileUrl(voiceId), token, { range: `bytes=${many}` });
    expect([whole.status, whole.body]).toEqual([200, voice]);
  });

  it('answers 401 without a token or a signed link, and 404 for an unknown id', async () => {
    expect((await download(fileUrl(voiceId))).status).toBe(401);
    const missing = await download(fileUrl('no-such-media'), token);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toEqual({ error: { code: 'NOT_FOUND', message: 'Media "no-such-media" not found' } });
  });

  describe('signed links (Media.url)', () => {
    const urlOf = async (id: string) => {
      const response = await hub.request(`query($id: ID!) { media(id: $id) { url } }`, { token, variables: { id } });
      expect(response.errors).toBeUndefined();
      return response.data!.media.url as string;
    };

    it('work without a token, at the gateway host', async () => {
      const url = await urlOf(voiceId);
      expect(url.startsWith(`${originOf(hub)}/media/${voiceId}?`)).toBe(true);
      const answer = await download(url);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(voice);
      // a fresh link: under load the first may be near its short test lifetime already
      const ranged = await download(await urlOf(voiceId), undefined, { range: 'bytes=0-43' });
      expect([ranged.status, ranged.body]).toEqual([206, voice.subarray(0, 44)]);
    });

    it('refuse a tampered signature, expiry, corp or id with 403', async () => {
      const other = await upload(hub, token, png(10, 10, 3), { kind: 'IMAGE' });
      const url = new URL(await urlOf(voiceId));
      const tampered = (change: (params: URLSearchParams) => void, pathname = url.pathname) => {
        const copy = new URL(url);
        copy.pathname = pathname;
        change(copy.searchParams);
        return copy.toString();
      };
      const attempts = [
        tampered((params) => params.set('sig', `${params.get('sig')!.slice(0, -2)}AA`)),
        tampered((params) => params.set('expires', String(Number(params.get('expires')) + 3600))),
        tampered((params) => params.set('corp', 'globex')),
        tampered(() => undefined, `/media/${other.json.id}`),
        tampered((params) => params.delete('corp')),
      ];
      for (const attempt of attempts) {
        const answer = await download(attempt);
        expect({ attempt, status: answer.status, code: JSON.parse(answer.body.toString()).error.code }).toEqual({ attempt, status: 403, code: 'FORBIDDEN' });
      }
    });

    it('stop working once expired', async () => {
      const url = await urlOf(voiceId);
      expect((await download(url)).status).toBe(200);
      const expires = Number(new URL(url).searchParams.get('expires'));
      // wait until the second after `expires` has started
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (expires + 1) * 1000 - Date.now()) + 50));
      const answer = await download(url);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body.toString()).error.message).toMatch(/expired/);
    });
  });
});
