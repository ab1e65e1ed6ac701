import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { identity } from '@corphub/identity';
import { startTestHub, type TestHub, originOf, upload, uploadForm } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { mediaSubgraph } from '@corphub/media';
import { adts, amr, gif, heic, jpeg, m4a, mp3, opus, pdf, png, waitFor, wav, webp } from '@corphub/module-kit/testing';
import { stagingFiles, storedFiles } from './support/store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// small limits, so that a test file can exceed them
const LIMITS = { IMAGE: { maxBytes: 20_000 }, DOCUMENT: { maxBytes: 60_000 }, AUDIO: { maxBytes: 40_000, maxSeconds: 2 } };

describe('media uploads (POST /media at the gateway)', () => {
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, mediaSubgraph({ limits: LIMITS })], label: 'media_upload' });
    token = await hub.token({ corp: 'acme', union: 'un_uploader' });
  });
  afterAll(() => hub?.stop());

  const mediaCount = async () => {
    const response = await hub.request(`{ mediaList(first: 1) { totalCount } }`, { token });
    expect(response.errors).toBeUndefined();
    return response.data!.mediaList.totalCount as number;
  };

  describe('accepted types', () => {
    it('stores a PNG photo under its hash and answers 201 with what it detected', async () => {
      const bytes = png(40, 30, 1);
      const answer = await upload(hub, token, bytes, { kind: 'IMAGE' });
      expect(answer.status).toBe(201);
      expect(answer.json).toEqual({
        id: expect.any(String),
        kind: 'IMAGE',
        mimeType: 'image/png',
        size: bytes.length,
        sha256: sha256(bytes),
        width: 40,
        height: 30,
        durationMs: null,
        uploadedBy: 'un_uploader',
        createdAt: expect.any(String),
        url: expect.stringMatching(new RegExp(`^${originOf(hub)}/media/${answer.json.id}\\?corp=acme&expires=\\d+&sig=`)),
        storedNewFile: true,
      });
      const file = storedFiles(hub).find((name) => name.endsWith(`/media/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`));
      expect(file).toBeDefined();
      expect(fs.readFileSync(file!)).toEqual(bytes);
    });

    it('reads the duration of a WAV voice note', async () => {
      const answer = await upload(hub, token, wav(1.5), { kind: 'AUDIO' });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ kind: 'AUDIO', mimeType: 'audio/wav', durationMs: 1500 });
      const response = await hub.request(`query($id: ID!) { media(id: $id) { kind mimeType durationMs durationSeconds width } }`, { token, variables: { id: answer.json.id } });
      expect(response.data).toEqual({ media: { kind: 'AUDIO', mimeType: 'audio/wav', durationMs: 1500, durationSeconds: 2, width: null } });
    });

    it('takes a PDF as a document, the kind it defaults to when none is given', async () => {
      const answer = await upload(hub, token, pdf());
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ kind: 'DOCUMENT', mimeType: 'application/pdf', width: null, height: null });
    });

    it('takes an image as a document scan (an invoice photographed)', async () => {
      const answer = await upload(hub, token, png(20, 20, 2), { kind: 'DOCUMENT' });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ kind: 'DOCUMENT', mimeType: 'image/png', width: 20, height: 20 });
    });

    it('takes a multipart form upload, with the kind as a form field', async () => {
      const answer = await uploadForm(hub, token, wav(0.5, 8000, 3), { kind: 'AUDIO' });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ kind: 'AUDIO', mimeType: 'audio/wav', durationMs: 500 });
    });

    it.each([
      ['a JPEG photo', 'IMAGE', jpeg(640, 480), { mimeType: 'image/jpeg', width: 640, height: 480 }],
      ['a WebP photo', 'IMAGE', webp(300, 200), { mimeType: 'image/webp', width: 300, height: 200 }],
      ['an MP3 voice note', 'AUDIO', mp3(40), { mimeType: 'audio/mpeg', durationMs: expect.any(Number) }],
      ['an AMR voice note', 'AUDIO', amr(50), { mimeType: 'audio/amr', durationMs: 1000 }],
      ['a HEIC photo (iPhone)', 'IMAGE', heic(4032, 3024), { mimeType: 'image/heic', width: 4032, height: 3024 }],
      ['a HEIC invoice scan', 'DOCUMENT', heic(1200, 1600), { mimeType: 'image/heic', width: 1200, height: 1600 }],
      ['an AAC voice note in M4A', 'AUDIO', m4a(1.5), { mimeType: 'audio/x-m4a', durationMs: 1500 }],
      ['an Opus voice note in Ogg', 'AUDIO', opus(1.25), { mimeType: 'audio/ogg; codecs=opus', durationMs: 1250 }],
      // raw ADTS has no length in a header: music-metadata estimates it from the frames it reads
      ['a raw AAC (ADTS) voice note', 'AUDIO', adts(40), { mimeType: 'audio/aac', durationMs: expect.any(Number) }],
    ])('accepts %s', async (_name, kind, bytes, expected) => {
      const answer = await upload(hub, token, bytes, { kind });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ kind, ...expected });
    });
  });

  describe('refused uploads store nothing', () => {
    it.each([
      ['a GIF (an image type we do not take)', undefined, gif(), 415, 'image/gif'],
      ['plain text', undefined, Buffer.from('just some notes, not a file type'), 415, null],
      ['a PDF as a photo', 'IMAGE', pdf('not a photo'), 415, 'application/pdf'],
      ['a WAV as a photo', 'IMAGE', wav(0.2, 8000, 7), 415, 'audio/wav'],
      ['a PNG as a voice note', 'AUDIO', png(8, 8, 9), 415, 'image/png'],
      ['a PDF as a voice note', 'AUDIO', pdf('not audio'), 415, 'application/pdf'],
      ['a HEIC photo as a voice note', 'AUDIO', heic(8, 8), 415, 'image/heic'],
      ['an Opus voice note as a photo', 'IMAGE', opus(0.5), 415, 'audio/ogg; codecs=opus'],
    ])('refuses %s', async (_name, kind, bytes, status, detectedType) => {
      const before = { files: storedFiles(hub).length, records: await mediaCount() };
      const answer = await upload(hub, token, bytes, { kind, headers: { 'content-type': 'image/png' } });
      expect(answer.status).toBe(status);
      expect(answer.json.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE', detectedType, message: expect.stringContaining('not accepted') });
      expect({ files: storedFiles(hub).length, records: await mediaCount() }).toEqual(before);
      expect(stagingFiles(hub)).toEqual([]);
    });

    it('refuses an unknown kind, an empty body and a multipart request without a file with 400', async () => {
      expect((await upload(hub, token, png(4, 4), { kind: 'VIDEO' })).json.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_KIND' });
      const empty = await upload(hub, token, Buffer.alloc(0), { kind: 'IMAGE' });
      expect([empty.status, empty.json.error.reason]).toEqual([400, 'EMPTY']);
      const form = new FormData();
      form.append('kind', 'IMAGE');
      const noFile = await fetch(new URL('/media', originOf(hub)), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(noFile.status).toBe(400);
      expect(((await noFile.json()) as any).error.reason).toBe('NO_FILE');
    });

    it('refuses a caller without a valid token (401) and a read-only analyst (403)', async () => {
      const anonymous = await upload(hub, undefined, png(4, 4, 11), { kind: 'IMAGE' });
      expect([anonymous.status, anonymous.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const forged = await upload(hub, 'not-a-token', png(4, 4, 11), { kind: 'IMAGE' });
      expect(forged.status).toBe(401);
      const analyst = await upload(hub, await hub.token({ corp: 'acme', role: Role.ANALYST }), png(4, 4, 11), { kind: 'IMAGE' });
      expect([analyst.status, analyst.json.error.code]).toEqual([403, 'FORBIDDEN']);
    });
  });

  describe('size limits per kind', () => {
    const bigPng = png(100, 100, 5); // about 30 kB: over the image limit, under the document limit

    it('refuses a photo over the image limit with 413, as declared by Content-Length', async () => {
      expect(bigPng.length).toBeGreaterThan(LIMITS.IMAGE.maxBytes);
      const before = { files: storedFiles(hub).length, records: await mediaCount() };
      const answer = await upload(hub, token, bigPng, { kind: 'IMAGE' });
      expect(answer.status).toBe(413);
      expect(answer.json.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_LARGE', maxBytes: LIMITS.IMAGE.maxBytes });
      expect({ files: storedFiles(hub).length, records: await mediaCount() }).toEqual(before);
    });

    it('refuses it while streaming when no length was declared, and keeps no partial file', async () => {
      const chunks = [bigPng.subarray(0, 10_000), bigPng.subarray(10_000, 20_000), bigPng.subarray(20_000)];
      const body = new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
      const response = await fetch(new URL('/media?kind=IMAGE', originOf(hub)), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body,
        duplex: 'half',
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as any).error.reason).toBe('TOO_LARGE');
      await waitFor('the staging folder to be empty', () => stagingFiles(hub).length === 0, 5000);
      expect(storedFiles(hub).some((file) => file.endsWith(sha256(bigPng)))).toBe(false);
    });

    it('applies the limit of the kind: the same file is fine as a document', async () => {
      const answer = await upload(hub, token, bigPng, { kind: 'DOCUMENT' });
      expect(answer.status).toBe(201);
    });

    it('refuses an AMR voice note over the limit in seconds, which its size alone would allow', async () => {
      const long = amr(150); // 3 s in 4.8 kB
      const answer = await upload(hub, token, long, { kind: 'AUDIO' });
      expect([answer.status, answer.json.error.reason]).toEqual([413, 'TOO_LARGE']);
    });

    it.each([
      ['an M4A', m4a(2.5)],
      ['an Opus', opus(2.5)],
    ])('refuses %s voice note over the limit in seconds', async (_name, long) => {
      expect(long.length).toBeLessThan(LIMITS.AUDIO.maxBytes);
      const answer = await upload(hub, token, long, { kind: 'AUDIO' });
      expect([answer.status, answer.json.error.reason, answer.json.error.maxSeconds]).toEqual([413, 'TOO_LARGE', 2]);
      expect(storedFiles(hub).some((file) => file.endsWith(sha256(long)))).toBe(false);
    });

    it('refuses a voice note longer than the audio limit in seconds', async () => {
      const long = wav(2.5, 4000, 2);
      expect(long.length).toBeLessThan(LIMITS.AUDIO.maxBytes);
      const answer = await upload(hub, token, long, { kind: 'AUDIO' });
      expect(answer.status).toBe(413);
      expect(answer.json.error).toMatchObject({ reason: 'TOO_LARGE', maxSeconds: 2 });
      expect(storedFiles(hub).some((file) => file.endsWith(sha256(long)))).toBe(false);
    });
  });

  describe('content addressing', () => {
    it('stores the same bytes once: a second upload answers 200 with the same record', async () => {
      const bytes = png(16, 16, 21);
      const first = await upload(hub, token, bytes, { kind: 'IMAGE' });
      const second = await upload(hub, await hub.token({ corp: 'acme', union: 'un_someone_else' }), bytes, { kind: 'IMAGE' });
      expect([first.status, second.status]).toEqual([201, 200]);
      expect(second.json.id).toBe(first.json.id);
      expect(storedFiles(hub).filter((file) => file.endsWith(sha256(bytes)))).toHaveLength(1);
    });

    it('keeps one file for the same bytes in two corps, with a record in each', async () => {
      const bytes = png(16, 16, 22);
      const inA = await upload(hub, token, bytes, { kind: 'IMAGE' });
      const inB = await upload(hub, await hub.token({ corp: 'globex' }), bytes, { kind: 'IMAGE' });
      expect([inA.status, inB.status]).toEqual([201, 201]);
      expect(inB.json.id).not.toBe(inA.json.id);
      expect(inB.json.storedNewFile).toBe(false);
      expect(storedFiles(hub).filter((file) => file.endsWith(sha256(bytes)))).toHaveLength(1);
    });

    it('never shows a partial file under its final name: an interrupted upload leaves nothing', async () => {
      const bytes = png(60, 60, 23);
      const before = { files: storedFiles(hub), records: await mediaCount() };
      const controller = new AbortController();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let sent = false;
      const body = new ReadableStream({
        async pull(stream) {
          if (!sent) {
            sent = true;
            stream.enqueue(bytes.subarray(0, 4000));
            return;
          }
          await held;
          stream.error(new Error('the phone lost its connection'));
        },
      });
      const request = fetch(new URL('/media?kind=IMAGE', originOf(hub)), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body,
        duplex: 'half',
        signal: controller.signal,
      }).catch((error: Error) => error);
      // the first part is being written: a staging file exists, nothing under a hash name
      await waitFor('a 4000-byte staged upload', () => stagingFiles(hub).length === 1 && fs.statSync(stagingFiles(hub)[0]).size === 4000, 5000);
      expect(storedFiles(hub)).toEqual(before.files);
      controller.abort();
      release();
      expect(await request).toMatchObject({ name: 'AbortError' });
      await waitFor('the staging folder to be empty', () => stagingFiles(hub).length === 0, 5000);
      expect(storedFiles(hub)).toEqual(before.files);
      expect(await mediaCount()).toBe(before.records);
    });
  });
});
