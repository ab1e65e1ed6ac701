import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { checkSha256, StagingArea, type ByteRange, type MediaStore, type StagedFile } from './media.store';

export interface S3StoreOptions {
  bucket: string;
  /** Prepended to every key, e.g. `corphub/media/`; default none. */
  prefix?: string;
  /** Where uploads are staged (hashed, inspected) before they are put: a local folder. */
  stagingDir: string;
  /** The S3 client's settings: region, endpoint (MinIO, Ceph, R2 …), forcePathStyle, credentials. */
  client: S3ClientConfig;
}

const isNotFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);

/**
 * The media store on an S3-compatible object store: one object per SHA-256 under `<prefix>ab/abcdef…`,
 * the same keys as the local store's paths. An upload is staged and inspected locally; `commit` asks
 * `HeadObject` first and puts the object only when those bytes are not stored yet. A `PutObject` is
 * atomic (an object appears whole or not at all), so there is never a half object under a real key.
 */
export class S3MediaStore implements MediaStore {
  readonly client: S3Client;
  private readonly staging: StagingArea;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StoreOptions) {
    this.client = new S3Client({
      // third-party S3 servers often lack the SDK's newer default checksums: send and check them only when S3 requires it
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...options.client,
    });
    this.staging = new StagingArea(options.stagingDir);
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
  }

  /** The object key of a hash. */
  keyOf(sha256: string): string {
    checkSha256(sha256);
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  stage(source: Readable, maxBytes: number): Promise<StagedFile> {
    return this.staging.stage(source, maxBytes);
  }

  discard(staged: StagedFile): Promise<void> {
    return this.staging.discard(staged);
  }

  sweepStaging(olderThanMs?: number): Promise<number> {
    return this.staging.sweep(olderThanMs);
  }

  async commit(staged: StagedFile): Promise<{ created: boolean }> {
    try {
      if ((await this.size(staged.sha256)) === staged.size) return { created: false };
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(staged.sha256),
          Body: fs.createReadStream(staged.path),
          ContentLength: staged.size,
          ContentType: 'application/octet-stream',
          // the record in the database has the type; the object only has the bytes and their hash
          Metadata: { sha256: staged.sha256 },
        }),
      );
      return { created: true };
    } finally {
      await this.discard(staged);
    }
  }

  async size(sha256: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return head.ContentLength;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    // in Node the SDK's body is the response stream itself
    return object.Body as Readable;
  }
}
