import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A byte range, both ends inclusive (as in `Content-Range`). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A file received in full into the store's staging area: its hash and size are known, nothing is stored yet. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** Thrown by `stage` when the bytes go past `maxBytes`; the staged part is already deleted. */
export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

/**
 * Content-addressed storage for media bytes: one file per SHA-256, whichever corp or record uses it.
 * Records (which corp, which kind, who uploaded) live in the database; the store only knows hashes.
 * Implementations: `LocalMediaStore` (files under the data folder, the default) and the media
 * subgraph's S3 store (any S3-compatible object store).
 */
export interface MediaStore {
  /**
   * Streams bytes into a staging file while hashing and counting them; past `maxBytes` it stops,
   * deletes the partial file and throws `TooLargeError`. The caller inspects the staged file, then
   * `commit`s or `discard`s it.
   */
  stage(source: Readable, maxBytes: number): Promise<StagedFile>;
  /** Stores a staged file under its hash (all or nothing); if those bytes are stored already, drops it. */
  commit(staged: StagedFile): Promise<{ created: boolean }>;
  discard(staged: StagedFile): Promise<void>;
  /** The stored size, or undefined when the hash is not stored. */
  size(sha256: string): Promise<number | undefined>;
  /** Reads stored bytes, all of them or one inclusive range. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Deletes staging files a crash left behind, older than `olderThanMs`; answers how many. */
  sweepStaging(olderThanMs?: number): Promise<number>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Counts and hashes the bytes going through; errors past the limit. */
class HashingLimit extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new TooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/** Checks a hash before it becomes a file name or an object key. */
export function checkSha256(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256 hex digest: ${sha256}`);
  return sha256;
}

/**
 * A folder of staging files: an upload is written here in full (and synced) while it is hashed and
 * counted, before any store keeps it under its hash. Every store stages locally: the bytes must be
 * inspected (type, pixels, duration) before they are kept.
 */
export class StagingArea {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  async stage(source: Readable, maxBytes: number): Promise<StagedFile> {
    const file = path.join(this.dir, `${randomUUID()}.part`);
    const counter = new HashingLimit(maxBytes);
    // the source is piped, not put in the pipeline: refusing a file must not destroy the caller's
    // request before it is answered
    const onError = (error: Error) => counter.destroy(error);
    const onClose = () => {
      if (!source.readableEnded) counter.destroy(new Error('The upload was interrupted'));
    };
    source.once('error', onError);
    source.once('close', onClose);
    source.pipe(counter);
    try {
      // `flush`: synced to disk before it is closed, so before it can be renamed under its hash
      await pipeline(counter, fs.createWriteStream(file, { flags: 'wx', flush: true }));
    } catch (error) {
      source.unpipe(counter);
      await fs.promises.rm(file, { force: true });
      throw error;
    } finally {
      source.off('error', onError);
      source.off('close', onClose);
    }
    return { path: file, sha256: counter.hash.digest('hex'), size: counter.size };
  }

  async discard(staged: StagedFile): Promise<void> {
    await fs.promises.rm(staged.path, { force: true });
  }

  /** Deletes those older than `olderThanMs` (younger ones may be uploads in progress in another replica). */
  async sweep(olderThanMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    for (const name of await fs.promises.readdir(this.dir)) {
      const file = path.join(this.dir, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > olderThanMs) {
        await fs.promises.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/**
 * The local store: `<root>/ab/abcdef…` (the first two hex digits of the hash as a folder), staging files
 * in `<root>/tmp/` on the same file system. A file appears under its hash only by `rename` after it was
 * written in full and synced, so a crash never leaves a half file under a real name.
 */
export class LocalMediaStore implements MediaStore {
  private readonly staging: StagingArea;

  constructor(readonly root: string) {
    this.staging = new StagingArea(path.join(root, 'tmp'));
  }

  /** Where the bytes of a hash live (whether or not they are stored yet). */
  pathOf(sha256: string): string {
    checkSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  sweepStaging(olderThanMs?: number): Promise<number> {
    return this.staging.sweep(olderThanMs);
  }

  stage(source: Readable, maxBytes: number): Promise<StagedFile> {
    return this.staging.stage(source, maxBytes);
  }

  async commit(staged: StagedFile): Promise<{ created: boolean }> {
    const target = this.pathOf(staged.sha256);
    if (await this.size(staged.sha256) === staged.size) {
      await this.discard(staged);
      return { created: false };
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // rename is atomic on one file system: readers see no file or the whole file; two uploads of the
    // same bytes racing here both rename a complete copy of the same content
    await fs.promises.rename(staged.path, target);
    return { created: true };
  }

  discard(staged: StagedFile): Promise<void> {
    return this.staging.discard(staged);
  }

  async size(sha256: string): Promise<number | undefined> {
    const stat = await fs.promises.stat(this.pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return stat?.size;
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const stream = fs.createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
    // open before answering: a missing file fails here, not halfway through a response
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }
}
