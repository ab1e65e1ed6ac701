import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { Request, Response, Router } from 'express';
import busboy from 'busboy';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, errors, Role, transactionalIdempotent, type Logger, type RouteKit } from '@corphub/module-kit';
import { TooLargeError, type ByteRange, type MediaStore, type StagedFile } from './media.store';
import { Media, MediaKind } from './media.entity';
import { inspect, tooLarge } from './media.inspect';
import type { MediaLinks } from './media.links';
import type { MediaLoaders } from '../loaders';
import type { MediaServices } from '../services';

/** The JSON an upload answers with (and what `Media` says in GraphQL). */
export function mediaJson(media: Media, links: MediaLinks) {
  return {
    id: media.id,
    kind: media.kind,
    mimeType: media.mimeType,
    size: media.size,
    sha256: media.sha256,
    width: media.width ?? null,
    height: media.height ?? null,
    durationMs: media.durationMs ?? null,
    uploadedBy: media.uploadedBy,
    createdAt: media.createdAt.toISOString(),
    url: links.urlFor(media),
  };
}

function parseKind(value: unknown): MediaKind | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && Object.values(MediaKind).includes(value.toUpperCase() as MediaKind)) return value.toUpperCase() as MediaKind;
  throw errors.BAD_USER_INPUT(`kind must be one of ${Object.values(MediaKind).join(', ')}`, { reason: 'BAD_KIND' });
}

/** Multipart: the first file part is staged; a `kind` field may come before or after it. */
function stageMultipart(req: Request, store: MediaStore, maxBytes: number): Promise<{ staged: StagedFile; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20 } });
    } catch (error) {
      reject(errors.BAD_USER_INPUT(`Malformed multipart request: ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let staging: Promise<StagedFile> | undefined;
    const fail = (error: unknown) => {
      req.unpipe(parser);
      const known = error instanceof TooLargeError || error instanceof GraphQLError;
      reject(known ? error : errors.BAD_USER_INPUT(`Malformed multipart request: ${error instanceof Error ? error.message : String(error)}`));
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      if (staging) {
        stream.resume();
        return;
      }
      staging = store.stage(stream, maxBytes);
      staging.catch(fail);
    });
    parser.on('close', () => {
      if (!staging) {
        reject(errors.BAD_USER_INPUT('The multipart request has no file part', { reason: 'NO_FILE' }));
        return;
      }
      staging.then((staged) => resolve({ staged, fields }), fail);
    });
    parser.on('error', fail);
    req.pipe(parser);
  });
}

/** A request for more ranges than this gets the whole file (200). */
export const MAX_RANGES = 16;

function pipeFrom(stream: Readable, res: Response, logger: Logger): void {
  stream.on('error', (error) => {
    logger.error({ err: error }, 'media read failed');
    res.destroy(error);
  });
  stream.pipe(res);
}

/**
 * 206 with `multipart/byteranges` (RFC 9110 section 14.6): each range is a part with its own
 * Content-Type and Content-Range, read from the store one after the other.
 */
async function sendByteRanges(
  res: Response,
  headOnly: boolean,
  mimeType: string,
  size: number,
  ranges: readonly ByteRange[],
  read: (range: ByteRange) => Promise<Readable>,
  logger: Logger,
): Promise<void> {
  const boundary = randomBytes(16).toString('hex');
  const heads = ranges.map((range) => `\r\n--${boundary}\r\nContent-Type: ${mimeType}\r\nContent-Range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`);
  const tail = `\r\n--${boundary}--\r\n`;
  const length = ranges.reduce((total, range, i) => total + Buffer.byteLength(heads[i]) + range.end - range.start + 1, Buffer.byteLength(tail));
  res.status(206).setHeader('content-type', `multipart/byteranges; boundary=${boundary}`);
  res.setHeader('content-length', String(length));
  if (headOnly) {
    res.end();
    return;
  }
  try {
    for (const [i, range] of ranges.entries()) {
      res.write(heads[i]);
      for await (const chunk of await read(range)) {
        if (!res.write(chunk)) await once(res, 'drain');
      }
    }
    res.end(tail);
  } catch (error) {
    // the status line is sent: all that is left is to cut the response short
    logger.error({ err: error }, 'media read failed');
    res.destroy(error as Error);
  }
}

/**
 * `POST /media` and `GET /media/:id` on the media subgraph (the gateway forwards both from its own host). Built
 * with the services rather than reading them from a request's context: a signed download needs the link signer
 * before it has a context.
 */
export function mediaRoutes(services: MediaServices) {
  const { store, limits, links } = services;
  const largest = Math.max(...Object.values(limits).map((limit) => limit.maxBytes));

  return (router: Router, kit: RouteKit<MediaLoaders, MediaServices>) => {
    router.post('/media', async (req: Request, res: Response) => {
      const { auth, em } = await kit.context(req);
      if (auth.role === Role.ANALYST) throw errors.FORBIDDEN('Analysts have read-only access and may not upload', { http: { status: 403 } });
      const requestedKind = parseKind(req.query.kind);
      const maxBytes = requestedKind ? limits[requestedKind].maxBytes : largest;
      const multipart = req.is('multipart/form-data') === 'multipart/form-data';
      const declared = Number(req.header('content-length'));
      if (!multipart && declared > maxBytes) {
        res.setHeader('connection', 'close');
        throw tooLarge(`The file may have at most ${maxBytes} bytes; Content-Length says ${declared}`, { kind: requestedKind ?? null, maxBytes });
      }

      let staged: StagedFile;
      let kind = requestedKind;
      try {
        if (multipart) {
          const received = await stageMultipart(req, store, maxBytes);
          staged = received.staged;
          kind ??= parseKind(received.fields.kind);
        } else {
          staged = await store.stage(req, maxBytes);
        }
      } catch (error) {
        if (!(error instanceof TooLargeError)) throw error;
        // refused mid-stream: answer now and close, rather than read the rest of a file we will not keep
        res.setHeader('connection', 'close');
        throw tooLarge(`The file may have at most ${error.maxBytes} bytes`, { kind: kind ?? null, maxBytes: error.maxBytes });
      }

      try {
        if (staged.size === 0) throw errors.BAD_USER_INPUT('The upload is empty', { reason: 'EMPTY' });
        const inspected = await inspect(staged.path, staged.size, kind, limits);
        const existing = await em.findOne(Media, { kind: inspected.kind, sha256: staged.sha256 });
        if (existing) {
          res.status(200).json(mediaJson(existing, links));
          return;
        }
        const stored = await store.commit(staged);
        // a concurrent upload of the same bytes in this corp may insert first: then answer with its record
        const { media, created } = await transactionalIdempotent(em, async (tx) => {
          const found = await tx.findOne(Media, { kind: inspected.kind, sha256: staged.sha256 });
          if (found) return { media: found, created: false };
          const media = new Media({ ...inspected, size: staged.size, sha256: staged.sha256, uploadedBy: auth.unionId ?? auth.subject });
          tx.persist(media);
          return { media, created: true };
        });
        res.status(created ? 201 : 200).json({ ...mediaJson(media, links), storedNewFile: stored.created });
      } finally {
        // a no-op once committed (renamed away)
        await store.discard(staged);
      }
    });

    router.get('/media/:id', async (req: Request<{ id: string }>, res: Response) => {
      const id = req.params.id;
      const { loaders, logger } =
        req.header(CONTEXT_HEADER) || typeof req.query.sig !== 'string'
          ? await kit.context(req)
          : kit.contextFor(req, {
              // a signed link reads one record of the corp it was signed for, nothing else
              subject: 'signed-link',
              corpId: links.verify(id, req.query),
              role: Role.ANALYST,
            });
      const media = await loaders.mediaById.load(id);
      if (!media) throw errors.NOT_FOUND(`Media "${id}" not found`, { http: { status: 404 } });
      const size = (await store.size(media.sha256)) ?? 0;
      if (size !== media.size) throw new Error(`Stored file of media ${media.id} is missing or has ${size} bytes, expected ${media.size}`);

      res.setHeader('content-type', media.mimeType);
      res.setHeader('etag', `"${media.sha256}"`);
      res.setHeader('accept-ranges', 'bytes');
      res.setHeader('cache-control', 'private, max-age=300');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('content-disposition', 'inline');
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      const ifRange = req.header('if-range');
      const ranges = !ifRange || ifRange === `"${media.sha256}"` ? req.range(size, { combine: true }) : undefined;
      if (ranges === -1) {
        res.setHeader('content-range', `bytes */${size}`);
        res.status(416).json({ error: { code: 'BAD_USER_INPUT', reason: 'RANGE_NOT_SATISFIABLE', message: `The file has ${size} bytes` } });
        return;
      }
      const wanted = Array.isArray(ranges) && ranges.type === 'bytes' ? ranges : [];
      if (wanted.length === 1) {
        const [range] = wanted;
        res.status(206).setHeader('content-range', `bytes ${range.start}-${range.end}/${size}`);
        res.setHeader('content-length', String(range.end - range.start + 1));
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        pipeFrom(await store.read(media.sha256, range), res, logger);
        return;
      }
      // several ranges (after merging overlapping ones): one multipart/byteranges answer, up to MAX_RANGES;
      // past that the whole file, as RFC 9110 allows a server to ignore Range
      if (wanted.length > 1 && wanted.length <= MAX_RANGES) {
        await sendByteRanges(res, req.method === 'HEAD', media.mimeType, size, wanted, (range) => store.read(media.sha256, range), logger);
        return;
      }
      res.status(200).setHeader('content-length', String(size));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      pipeFrom(await store.read(media.sha256), res, logger);
    });
  };
}
