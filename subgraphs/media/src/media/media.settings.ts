import path from 'node:path';
import { createHmac } from 'node:crypto';
import { ConfigError, ENV_SCHEMA, readEnv, type RawEnv } from '@corphub/module-kit';
import { LocalMediaStore, type MediaStore } from './media.store';
import { MediaKind } from './media.entity';
import { S3MediaStore } from './media.s3-store';

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

/** The schema's defaults (CORPHUB_MEDIA_MAX_*, docs/configuration.md). */
export const DEFAULT_LIMITS: Record<MediaKind, KindLimits> = {
  [MediaKind.IMAGE]: { maxBytes: ENV_SCHEMA.CORPHUB_MEDIA_MAX_IMAGE_BYTES.default },
  [MediaKind.DOCUMENT]: { maxBytes: ENV_SCHEMA.CORPHUB_MEDIA_MAX_DOCUMENT_BYTES.default },
  [MediaKind.AUDIO]: { maxBytes: ENV_SCHEMA.CORPHUB_MEDIA_MAX_AUDIO_BYTES.default, maxSeconds: ENV_SCHEMA.CORPHUB_MEDIA_MAX_AUDIO_SECONDS.default },
};

export const DEFAULT_URL_TTL_SECONDS = ENV_SCHEMA.CORPHUB_MEDIA_URL_TTL_SECONDS.default;

/** Without a key of its own, links are signed with a key derived from the internal secret (never the secret itself). */
export function deriveUrlKey(internalSecret: string, ownSecret?: string): Buffer {
  return ownSecret ? Buffer.from(ownSecret, 'utf8') : createHmac('sha256', internalSecret).update('corphub media links v1').digest();
}

/** The files of the local store: `<dataDir>/media`. */
export function localStore(dataDir: string): LocalMediaStore {
  return new LocalMediaStore(path.join(dataDir, 'media'));
}

/**
 * The store the environment asks for. CORPHUB_MEDIA_STORE=`local` (default: files in `<dataDir>/media`) or
 * `s3`: CORPHUB_MEDIA_S3_BUCKET (required), CORPHUB_MEDIA_S3_PREFIX, CORPHUB_MEDIA_S3_REGION (else AWS_REGION,
 * else us-east-1), CORPHUB_MEDIA_S3_ENDPOINT (MinIO, Ceph, R2 …), CORPHUB_MEDIA_S3_FORCE_PATH_STYLE (default:
 * true when an endpoint is given); credentials from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, a profile, an instance role). S3 uploads are staged in `<dataDir>/media-staging`.
 */
export function storeFromEnv(env: RawEnv | undefined, dataDir: string): MediaStore {
  const vars = readEnv(
    [
      'CORPHUB_MEDIA_STORE',
      'CORPHUB_MEDIA_S3_BUCKET',
      'CORPHUB_MEDIA_S3_PREFIX',
      'CORPHUB_MEDIA_S3_REGION',
      'CORPHUB_MEDIA_S3_ENDPOINT',
      'CORPHUB_MEDIA_S3_FORCE_PATH_STYLE',
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ],
    env,
  );
  if (vars.CORPHUB_MEDIA_STORE === 'local') return localStore(dataDir);
  const bucket = vars.CORPHUB_MEDIA_S3_BUCKET;
  if (!bucket) throw new ConfigError('CORPHUB_MEDIA_STORE=s3 needs CORPHUB_MEDIA_S3_BUCKET');
  const endpoint = vars.CORPHUB_MEDIA_S3_ENDPOINT;
  return new S3MediaStore({
    bucket,
    prefix: vars.CORPHUB_MEDIA_S3_PREFIX,
    stagingDir: path.join(dataDir, 'media-staging'),
    client: {
      region: vars.CORPHUB_MEDIA_S3_REGION ?? vars.AWS_REGION ?? 'us-east-1',
      endpoint,
      forcePathStyle: vars.CORPHUB_MEDIA_S3_FORCE_PATH_STYLE ?? endpoint !== undefined,
      // the SDK reads these from process.env itself; read here too, from the environment given
      credentials:
        vars.AWS_ACCESS_KEY_ID && vars.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: vars.AWS_ACCESS_KEY_ID, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY, sessionToken: vars.AWS_SESSION_TOKEN }
          : undefined,
    },
  });
}

/**
 * Limits and links from the environment: CORPHUB_MEDIA_MAX_IMAGE_BYTES, CORPHUB_MEDIA_MAX_DOCUMENT_BYTES,
 * CORPHUB_MEDIA_MAX_AUDIO_BYTES, CORPHUB_MEDIA_MAX_AUDIO_SECONDS, CORPHUB_MEDIA_URL_TTL_SECONDS,
 * CORPHUB_MEDIA_URL_SECRET.
 */
export function mediaEnv(env?: RawEnv): Pick<MediaSettings, 'limits' | 'urlTtlSeconds'> & { urlSecret?: string } {
  const vars = readEnv(
    [
      'CORPHUB_MEDIA_MAX_IMAGE_BYTES',
      'CORPHUB_MEDIA_MAX_DOCUMENT_BYTES',
      'CORPHUB_MEDIA_MAX_AUDIO_BYTES',
      'CORPHUB_MEDIA_MAX_AUDIO_SECONDS',
      'CORPHUB_MEDIA_URL_TTL_SECONDS',
      'CORPHUB_MEDIA_URL_SECRET',
    ],
    env,
  );
  return {
    limits: {
      [MediaKind.IMAGE]: { maxBytes: vars.CORPHUB_MEDIA_MAX_IMAGE_BYTES },
      [MediaKind.DOCUMENT]: { maxBytes: vars.CORPHUB_MEDIA_MAX_DOCUMENT_BYTES },
      [MediaKind.AUDIO]: { maxBytes: vars.CORPHUB_MEDIA_MAX_AUDIO_BYTES, maxSeconds: vars.CORPHUB_MEDIA_MAX_AUDIO_SECONDS },
    },
    urlTtlSeconds: vars.CORPHUB_MEDIA_URL_TTL_SECONDS,
    urlSecret: vars.CORPHUB_MEDIA_URL_SECRET,
  };
}
