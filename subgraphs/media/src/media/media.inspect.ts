import fs from 'node:fs';
import { imageSizeFromFile } from 'image-size/fromFile';
import { errors } from '@corphub/module-kit';
import { fileType, musicMetadata } from '../esm';
import { MediaKind } from './media.entity';
import type { KindLimits } from './media.settings';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
const AUDIO_TYPES = ['audio/aac', 'audio/x-m4a', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg', 'audio/ogg; codecs=opus', 'audio/opus', 'audio/wav'];

/** The types each kind accepts, as `file-type` names them from the bytes. */
export const ALLOWED_TYPES: Record<MediaKind, readonly string[]> = {
  [MediaKind.IMAGE]: IMAGE_TYPES,
  [MediaKind.DOCUMENT]: ['application/pdf', ...IMAGE_TYPES],
  [MediaKind.AUDIO]: AUDIO_TYPES,
};

/** The kind an upload is for when the client does not say. */
function defaultKind(mimeType: string): MediaKind | undefined {
  if (IMAGE_TYPES.includes(mimeType)) return MediaKind.IMAGE;
  if (mimeType === 'application/pdf') return MediaKind.DOCUMENT;
  if (AUDIO_TYPES.includes(mimeType)) return MediaKind.AUDIO;
  return undefined;
}

export const tooLarge = (message: string, extensions: Record<string, unknown>) =>
  errors.BAD_USER_INPUT(message, { http: { status: 413 }, reason: 'TOO_LARGE', ...extensions });
export const unsupportedType = (message: string, extensions: Record<string, unknown>) =>
  errors.BAD_USER_INPUT(message, { http: { status: 415 }, reason: 'UNSUPPORTED_MEDIA_TYPE', ...extensions });

export interface Inspected {
  kind: MediaKind;
  mimeType: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

/**
 * Reads what a staged file is from its bytes (file-type), checks it against the kind's allowed types and
 * limits, and measures it: pixels (image-size) or duration (music-metadata). Throws 413/415 errors.
 */
export async function inspect(file: string, size: number, requestedKind: MediaKind | undefined, limits: Record<MediaKind, KindLimits>): Promise<Inspected> {
  const detected = await fileType().fileTypeFromFile(file);
  const mimeType = detected?.mime;
  const kind = requestedKind ?? (mimeType ? defaultKind(mimeType) : undefined);
  if (!mimeType || !kind || !ALLOWED_TYPES[kind].includes(mimeType)) {
    const what = mimeType ? `${mimeType} (.${detected?.ext})` : 'an unrecognised type';
    const allowed = kind ? ALLOWED_TYPES[kind] : [...new Set(Object.values(ALLOWED_TYPES).flat())];
    throw unsupportedType(`The file is ${what}, which is not accepted${kind ? ` as ${kind}` : ''}; accepted: ${allowed.join(', ')}`, {
      detectedType: mimeType ?? null,
      kind: kind ?? null,
    });
  }
  const limit = limits[kind];
  if (size > limit.maxBytes) throw tooLarge(`A ${kind} file may have at most ${limit.maxBytes} bytes; this one has ${size}`, { kind, maxBytes: limit.maxBytes });

  if (kind === MediaKind.AUDIO) {
    const durationMs = await audioDurationMs(file, mimeType);
    if (durationMs !== undefined && limit.maxSeconds !== undefined && durationMs > limit.maxSeconds * 1000) {
      throw tooLarge(`A voice note may last at most ${limit.maxSeconds} s; this one lasts ${(durationMs / 1000).toFixed(1)} s`, { kind, maxSeconds: limit.maxSeconds });
    }
    return { kind, mimeType, durationMs };
  }
  if (mimeType.startsWith('image/')) {
    const dimensions = await imageSizeFromFile(file).catch(() => undefined);
    return { kind, mimeType, width: dimensions?.width, height: dimensions?.height };
  }
  return { kind, mimeType };
}

async function audioDurationMs(file: string, mimeType: string): Promise<number | undefined> {
  // music-metadata 11 has no AMR parser: count its 20 ms frames instead
  if (mimeType === 'audio/amr') return amrDurationMs(await fs.promises.readFile(file));
  const metadata = musicMetadata();
  try {
    const { format } = await metadata.parseFile(file, { duration: true, skipCovers: true });
    return format.duration !== undefined && Number.isFinite(format.duration) ? Math.round(format.duration * 1000) : undefined;
  } catch (error) {
    // the type was recognised from its signature, but the rest of the file does not parse
    throw errors.BAD_USER_INPUT(`The ${mimeType} file could not be read: ${(error as Error).message}`, { reason: 'UNREADABLE' });
  }
}

/** Bytes per frame (with its header byte) by frame type, RFC 4867 section 5 storage format; 0 = invalid. */
const AMR_NB_FRAME_BYTES = [13, 14, 16, 18, 20, 21, 27, 32, 6, 0, 0, 0, 0, 0, 0, 1];
const AMR_WB_FRAME_BYTES = [18, 24, 33, 37, 41, 47, 51, 59, 61, 6, 0, 0, 0, 0, 1, 1];

/** AMR (RFC 4867 file format): every frame holds 20 ms, whatever its mode. */
export function amrDurationMs(bytes: Buffer): number {
  const wideband = bytes.subarray(0, 9).toString('latin1') === '#!AMR-WB\n';
  const sizes = wideband ? AMR_WB_FRAME_BYTES : AMR_NB_FRAME_BYTES;
  let offset = wideband ? 9 : 6;
  let frames = 0;
  while (offset < bytes.length) {
    const size = sizes[(bytes[offset] >> 3) & 0x0f];
    if (!size || offset + size > bytes.length) throw errors.BAD_USER_INPUT(`The audio/amr file is malformed at byte ${offset}`, { reason: 'UNREADABLE' });
    offset += size;
    frames++;
  }
  return frames * 20;
}
