import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, MediaKind } from '@corphub/media';
import { inspect } from '../src/media/media.inspect';
import { mediaEnv } from '../src/media/media.settings';
import { opus, pdf, png, wav } from '@corphub/module-kit/testing';

/** The limits a deployment gets without configuration (the hub tests use small ones to stay fast). */
describe('default upload limits', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-limits-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileOf = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = (await promise.then(() => undefined, (e: unknown) => e)) as { extensions?: Record<string, unknown> } | undefined;
    return error?.extensions;
  };

  it('are 10 MB for images, 20 MB for documents, 2 MB and 60 s for voice notes', () => {
    expect(DEFAULT_LIMITS).toEqual({
      IMAGE: { maxBytes: 10 * 1024 * 1024 },
      DOCUMENT: { maxBytes: 20 * 1024 * 1024 },
      AUDIO: { maxBytes: 2 * 1024 * 1024, maxSeconds: 60 },
    });
    expect(mediaEnv({}).limits).toEqual(DEFAULT_LIMITS);
  });

  it('take a 60 s voice note and refuse one of 61 s (413)', async () => {
    const minute = fileOf('minute.opus', opus(60));
    await expect(inspect(minute, fs.statSync(minute).size, MediaKind.AUDIO, DEFAULT_LIMITS)).resolves.toMatchObject({ durationMs: 60_000 });
    const longer = fileOf('longer.opus', opus(61));
    expect(await refusal(inspect(longer, fs.statSync(longer).size, MediaKind.AUDIO, DEFAULT_LIMITS))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_LARGE',
      maxSeconds: 60,
      http: { status: 413 },
    });
  });

  it('refuse a voice note over 2 MB even when it is shorter than 60 s', async () => {
    // 16-bit 44.1 kHz mono: 88.2 kB a second, so 25 s is over 2 MB
    const loud = fileOf('long.wav', wav(25, 44_100));
    expect(fs.statSync(loud).size).toBeGreaterThan(DEFAULT_LIMITS.AUDIO.maxBytes);
    expect(await refusal(inspect(loud, fs.statSync(loud).size, MediaKind.AUDIO, DEFAULT_LIMITS))).toMatchObject({ reason: 'TOO_LARGE', maxBytes: DEFAULT_LIMITS.AUDIO.maxBytes });
  });

  it.each([
    [MediaKind.IMAGE, 'photo.png', png(8, 8)],
    [MediaKind.DOCUMENT, 'invoice.pdf', pdf()],
  ])('hold %s at its byte limit and refuse one byte more', async (kind, name, bytes) => {
    // the size comes from the staged upload: one byte over the limit is refused whatever the file is
    const file = fileOf(name, bytes);
    const limit = DEFAULT_LIMITS[kind].maxBytes;
    await expect(inspect(file, limit, kind, DEFAULT_LIMITS)).resolves.toMatchObject({ kind });
    expect(await refusal(inspect(file, limit + 1, kind, DEFAULT_LIMITS))).toMatchObject({ reason: 'TOO_LARGE', maxBytes: limit });
  });

  it('are configured per kind by environment variables, and refuse nonsense', () => {
    const env = { CORPHUB_MEDIA_MAX_IMAGE_BYTES: '1000', CORPHUB_MEDIA_MAX_DOCUMENT_BYTES: '2000', CORPHUB_MEDIA_MAX_AUDIO_BYTES: '3000', CORPHUB_MEDIA_MAX_AUDIO_SECONDS: '30' };
    expect(mediaEnv(env).limits).toEqual({ IMAGE: { maxBytes: 1000 }, DOCUMENT: { maxBytes: 2000 }, AUDIO: { maxBytes: 3000, maxSeconds: 30 } });
    expect(() => mediaEnv({ CORPHUB_MEDIA_MAX_AUDIO_SECONDS: '-1' })).toThrow(/CORPHUB_MEDIA_MAX_AUDIO_SECONDS/);
  });
});
