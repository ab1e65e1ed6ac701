import path from 'node:path';
import { createHmac } from 'node:crypto';
import { LocalMediaStore, type MediaStore } from '@corphub/shared';
import { MediaKind } from './media.entity';

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
