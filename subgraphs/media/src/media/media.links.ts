import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from '@corphub/module-kit';
import type { Media } from './media.entity';
import type { MediaSettings } from './media.settings';

/** The signed-link parameters of `GET /media/:id`. */
export interface LinkParams {
  corp: string;
  expires: string;
  sig: string;
}

const forbidden = (message: string) => errors.FORBIDDEN(message, { http: { status: 403 } });

/**
 * Short-lived links to a media file at the gateway's host: `GET /media/{id}?corp=…&expires=…&sig=…` works
 * without a bearer token until `expires` (Unix seconds). The HMAC covers the corp, the id and the expiry,
 * so a link opens that one record of that corp and nothing else.
 */
export class MediaLinks {
  constructor(private readonly settings: Pick<MediaSettings, 'publicUrl' | 'urlTtlSeconds' | 'urlKey'>) {}

  private sign(corpId: string, id: string, expires: number): string {
    return createHmac('sha256', this.settings.urlKey).update(`${corpId}\n${id}\n${expires}`).digest('base64url');
  }

  urlFor(media: Pick<Media, 'id' | 'corpId'>, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.settings.urlTtlSeconds;
    const url = new URL(`/media/${encodeURIComponent(media.id)}`, this.settings.publicUrl());
    url.search = new URLSearchParams({ corp: media.corpId, expires: String(expires), sig: this.sign(media.corpId, media.id, expires) }).toString();
    return url.toString();
  }

  /** The corp the link was signed for; throws FORBIDDEN (403) for a wrong, partial or expired link. */
  verify(id: string, params: Partial<Record<keyof LinkParams, unknown>>, now = Date.now()): string {
    const { corp, expires, sig } = params;
    if (typeof corp !== 'string' || typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(expires)) {
      throw forbidden('The link is incomplete: it needs corp, expires and sig');
    }
    const expected = Buffer.from(this.sign(corp, id, Number(expires)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forbidden('The link signature is invalid');
    if (Math.floor(now / 1000) > Number(expires)) throw forbidden('The link has expired: query Media.url for a fresh one');
    return corp;
  }
}
