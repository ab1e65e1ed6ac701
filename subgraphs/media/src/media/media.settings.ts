import path from 'node:path';
import { createHmac } from 'node:crypto';
import { LocalMediaStore, type MediaStore } from './media.store';
import { MediaKind } from './media.entity';
import { S3MediaStore } from './media.s3-store';

const MB = 1024 * 1024;

export interface KindLimits {
  maxBytes: number;
  /** Audio only: the longest voice note accepted, when its format tells its duration. */
  maxSeconds?: number;
}

/** Everything the media subgraph needs besides its database; `server.ts` gets it, never reads env. */
export interface MediaSettings {
  store: MediaStore;
  limits: Record<MediaKind, KindLimits>;
  /** The gateway's public base URL: signed links point there. */
  publicUrl: () => string;
  /** How long a signed link (`Media.url`) works. */
  urlTtlSeconds: number;
  /** HMAC key of signed links. */
  urlKey: Buffer;
}

export const DEFAULT_LIMITS: Record<MediaKind, KindLimits> = {
  [MediaKind.IMAGE]: { maxBytes: 10 * MB },
  [MediaKind.DOCUMENT]: { maxBytes: 20 * MB },
  [MediaKind.AUDIO]: { maxBytes: 2 * MB, maxSeconds: 60 },
};

export const DEFAULT_URL_TTL_SECONDS = 15 * 60;

/** Without a key of its own, links are signed with a key derived from the internal secret (never the secret itself). */
export function deriveUrlKey(internalSecret: string, ownSecret?: string): Buffer {
  return ownSecret ? Buffer.from(ownSecret, 'utf8') : createHmac('sha256', internalSecret).update('corphub media links v1').digest();
}

/** The files of the local store: `<dataDir>/media`. */
export function localStore(dataDir: string): LocalMediaStore {
  return new LocalMediaStore(path.join(dataDir, 'media'));
}

const TRUE = ['1', 'true', 'yes'];

/**
 * The store the environment asks for. CORPHUB_MEDIA_STORE=`local` (default: files in `<dataDir>/media`) or
 * `s3`: CORPHUB_MEDIA_S3_BUCKET (required), CORPHUB_MEDIA_S3_PREFIX, CORPHUB_MEDIA_S3_REGION (else AWS_REGION,
 * else us-east-1), CORPHUB_MEDIA_S3_ENDPOINT (MinIO, Ceph, R2 …), CORPHUB_MEDIA_S3_FORCE_PATH_STYLE (default:
 * true when an endpoint is given); credentials from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, a profile, an instance role). S3 uploads are staged in `<dataDir>/media-staging`.
 */
export function storeFromEnv(env: NodeJS.ProcessEnv, dataDir: string): MediaStore {
  const kind = (env.CORPHUB_MEDIA_STORE || 'local').toLowerCase();
  if (kind === 'local') return localStore(dataDir);
  if (kind !== 's3') throw new Error(`CORPHUB_MEDIA_STORE must be "local" or "s3", got "${env.CORPHUB_MEDIA_STORE}"`);
  const bucket = env.CORPHUB_MEDIA_S3_BUCKET;
  if (!bucket) throw new Error('CORPHUB_MEDIA_STORE=s3 needs CORPHUB_MEDIA_S3_BUCKET');
  const endpoint = env.CORPHUB_MEDIA_S3_ENDPOINT || undefined;
  const pathStyle = env.CORPHUB_MEDIA_S3_FORCE_PATH_STYLE;
  return new S3MediaStore({
    bucket,
    prefix: env.CORPHUB_MEDIA_S3_PREFIX || undefined,
    stagingDir: path.join(dataDir, 'media-staging'),
    client: {
      region: env.CORPHUB_MEDIA_S3_REGION || env.AWS_REGION || 'us-east-1',
      endpoint,
      forcePathStyle: pathStyle ? TRUE.includes(pathStyle.toLowerCase()) : endpoint !== undefined,
      // the SDK reads these from process.env itself; read here too, from the environment given
      credentials:
        env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined }
          : undefined,
    },
  });
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * Limits and links from the environment: CORPHUB_MEDIA_MAX_IMAGE_BYTES, CORPHUB_MEDIA_MAX_DOCUMENT_BYTES,
 * CORPHUB_MEDIA_MAX_AUDIO_BYTES, CORPHUB_MEDIA_MAX_AUDIO_SECONDS, CORPHUB_MEDIA_URL_TTL_SECONDS,
 * CORPHUB_MEDIA_URL_SECRET.
 */
export function mediaEnv(env: NodeJS.ProcessEnv = process.env): Pick<MediaSettings, 'limits' | 'urlTtlSeconds'> & { urlSecret?: string } {
  return {
    limits: {
      [MediaKind.IMAGE]: { maxBytes: positive('CORPHUB_MEDIA_MAX_IMAGE_BYTES', env.CORPHUB_MEDIA_MAX_IMAGE_BYTES, DEFAULT_LIMITS.IMAGE.maxBytes) },
      [MediaKind.DOCUMENT]: { maxBytes: positive('CORPHUB_MEDIA_MAX_DOCUMENT_BYTES', env.CORPHUB_MEDIA_MAX_DOCUMENT_BYTES, DEFAULT_LIMITS.DOCUMENT.maxBytes) },
      [MediaKind.AUDIO]: {
        maxBytes: positive('CORPHUB_MEDIA_MAX_AUDIO_BYTES', env.CORPHUB_MEDIA_MAX_AUDIO_BYTES, DEFAULT_LIMITS.AUDIO.maxBytes),
        maxSeconds: positive('CORPHUB_MEDIA_MAX_AUDIO_SECONDS', env.CORPHUB_MEDIA_MAX_AUDIO_SECONDS, DEFAULT_LIMITS.AUDIO.maxSeconds!),
      },
    },
    urlTtlSeconds: positive('CORPHUB_MEDIA_URL_TTL_SECONDS', env.CORPHUB_MEDIA_URL_TTL_SECONDS, DEFAULT_URL_TTL_SECONDS),
    urlSecret: env.CORPHUB_MEDIA_URL_SECRET || undefined,
  };
}
