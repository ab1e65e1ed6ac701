import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import S3rver from 's3rver';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { identity } from '@corphub/identity';
import { download, originOf, startTestHub, type TestHub, upload } from '@corphub/tooling/testing';
import { LocalMediaStore } from '@corphub/media';
import { mediaSubgraph, S3MediaStore, storeFromEnv } from '@corphub/media';
import { gif, png, wav } from '@corphub/module-kit/testing';
import { byteRangeParts } from './support/byteranges';
import { storedFiles } from './support/store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const BUCKET = 'corphub-media';

describe('the S3 media store (CORPHUB_MEDIA_STORE=s3)', () => {
  it('is chosen by the environment; the local store stays the default', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-s3-env-'));
    try {
      expect(storeFromEnv({}, dataDir)).toBeInstanceOf(LocalMediaStore);
      const store = storeFromEnv({ CORPHUB_MEDIA_STORE: 's3', CORPHUB_MEDIA_S3_BUCKET: BUCKET, CORPHUB_MEDIA_S3_PREFIX: 'media/' }, dataDir);
      expect(store).toBeInstanceOf(S3MediaStore);
      expect((store as S3MediaStore).keyOf('ab'.repeat(32))).toBe(`media/ab/${'ab'.repeat(32)}`);
      expect(() => storeFromEnv({ CORPHUB_MEDIA_STORE: 's3' }, dataDir)).toThrow(/CORPHUB_MEDIA_S3_BUCKET/);
      expect(() => storeFromEnv({ CORPHUB_MEDIA_STORE: 'ftp' }, dataDir)).toThrow(/"local" or "s3"/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  /** Against s3rver: an S3-compatible server in plain JavaScript, run in this process on a free port. */
  describe('against an S3-compatible server', () => {
    let server: S3rver;
    let objectsDir: string;
    let stagingDir: string;
    let store: S3MediaStore;
    let hub: TestHub;
    let token: string;
    const puts: string[] = [];

    beforeAll(async () => {
      objectsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-s3rver-'));
      stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-s3-data-'));
      server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: objectsDir, configureBuckets: [{ name: BUCKET }] });
      server.on('event', (event) => {
        for (const record of event.Records) if (record.eventName.startsWith('ObjectCreated')) puts.push(record.s3.object.key);
      });
      const { port } = await server.run();
      // configured as an operator would, through the environment (s3rver's fixed development keys)
      store = storeFromEnv(
        {
          CORPHUB_MEDIA_STORE: 's3',
          CORPHUB_MEDIA_S3_BUCKET: BUCKET,
          CORPHUB_MEDIA_S3_ENDPOINT: `http://127.0.0.1:${port}`,
          CORPHUB_MEDIA_S3_PREFIX: 'uploads/',
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
        },
        stagingDir,
      ) as S3MediaStore;
      hub = await startTestHub({ subgraphs: [identity, mediaSubgraph({ store })], label: 'media_s3' });
      token = await hub.token({ corp: 'acme', union: 'un_s3_uploader' });
    });
    afterAll(async () => {
      await hub?.stop();
      store?.client.destroy();
      await server?.close();
      for (const dir of [objectsDir, stagingDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const keys = async () => {
      const listed = await store.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    };
    const objectBytes = async (key: string) => {
      const object = await store.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    };
    const stagingFiles = () => fs.readdirSync(path.join(stagingDir, 'media-staging'));

    it('puts an upload under its content hash, nothing on the local disk', async () => {
      const bytes = png(24, 24, 31);
      const answer = await upload(hub, token, bytes, { kind: 'IMAGE' });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ sha256: sha256(bytes), width: 24, storedNewFile: true });
      const key = `uploads/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`;
      expect(await keys()).toEqual([key]);
      expect(await objectBytes(key)).toEqual(bytes);
      expect(puts).toEqual([key]);
      expect(storedFiles(hub)).toEqual([]);
      expect(stagingFiles()).toEqual([]);
    });

    it('asks before it puts: the same bytes in another corp are one object, put once', async () => {
      const bytes = png(24, 24, 32);
      const inA = await upload(hub, token, bytes, { kind: 'IMAGE' });
      const inB = await upload(hub, await hub.token({ corp: 'globex' }), bytes, { kind: 'IMAGE' });
      expect([inA.status, inB.status, inA.json.storedNewFile, inB.json.storedNewFile]).toEqual([201, 201, true, false]);
      expect(inB.json.id).not.toBe(inA.json.id);
      expect(puts.filter((key) => key.endsWith(sha256(bytes)))).toHaveLength(1);
      expect(stagingFiles()).toEqual([]);
    });

    it('stores nothing for a refused upload', async () => {
      const before = await keys();
      const answer = await upload(hub, token, gif(), { kind: 'IMAGE' });
      expect(answer.status).toBe(415);
      expect(await keys()).toEqual(before);
      expect(stagingFiles()).toEqual([]);
    });

    it('streams downloads from the bucket: whole, one range, several ranges', async () => {
      const voice = wav(1, 8000, 33);
      const uploaded = await upload(hub, token, voice, { kind: 'AUDIO' });
      expect(uploaded.json).toMatchObject({ mimeType: 'audio/wav', durationMs: 1000 });
      const url = `${originOf(hub)}/media/${uploaded.json.id}`;
      const whole = await download(url, token);
      expect([whole.status, whole.headers.get('content-type'), whole.headers.get('etag'), whole.body]).toEqual([200, 'audio/wav', `"${sha256(voice)}"`, voice]);
      const part = await download(url, token, { range: 'bytes=44-143' });
      expect([part.status, part.headers.get('content-range'), part.body]).toEqual([206, `bytes 44-143/${voice.length}`, voice.subarray(44, 144)]);
      const parts = await download(url, token, { range: 'bytes=0-3,-4' });
      expect(parts.status).toBe(206);
      expect(byteRangeParts(parts.headers.get('content-type'), parts.body).map((p) => p.body)).toEqual([voice.subarray(0, 4), voice.subarray(voice.length - 4)]);
      // the signed link reads the same object
      const linked = await download(uploaded.json.url);
      expect([linked.status, linked.body]).toEqual([200, voice]);
    });
  });
});
