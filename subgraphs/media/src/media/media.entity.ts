import { Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';

export enum MediaKind {
  /** A photo (check-in landmark, profile): JPEG, PNG, WebP, HEIC. */
  IMAGE = 'IMAGE',
  /** A document scan (invoice, receipt): PDF or an image. */
  DOCUMENT = 'DOCUMENT',
  /** A voice note: AAC/M4A, MP3, AMR, Opus/OGG, WAV. */
  AUDIO = 'AUDIO',
}

registerEnumType(MediaKind, {
  name: 'MediaKind',
  description: 'What a media file is for; each kind has its allowed types and size limit.',
  valuesConfig: {
    IMAGE: { description: 'A photo: JPEG, PNG, WebP or HEIC.' },
    DOCUMENT: { description: 'A document scan such as an invoice: PDF, or a JPEG, PNG, WebP or HEIC image.' },
    AUDIO: { description: 'A voice note: AAC/M4A, MP3, AMR, Opus/OGG or WAV.' },
  },
});

/**
 * One upload in one corp. The bytes live once per content hash in the media store: the same file in two
 * corps (or as two kinds) is one stored file and two records.
 */
@Entity()
@Unique({ properties: ['corpId', 'kind', 'sha256'] })
@Index({ properties: ['corpId', 'createdAt', 'id'] })
@ObjectType({ description: 'A photo, document scan or voice note, uploaded with POST /media and served at GET /media/{id}.' })
@Directive('@key(fields: "id")')
export class Media extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  // a plain string column: the values are checked on the way in (upload), and SQLite's check constraints do not diff cleanly
  @Property({ type: 'string', length: 16 })
  @Field(() => MediaKind)
  kind: MediaKind;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'The type detected from the bytes (never the one the client claimed), e.g. `image/png`.' })
  mimeType: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Size in bytes.' })
  size: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 of the bytes, lowercase hex; also the download ETag.' })
  sha256: string;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Pixels, for images (and image documents).' })
  width?: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Pixels, for images (and image documents).' })
  height?: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Length of a voice note in milliseconds, when the format tells it.' })
  durationMs?: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'Who uploaded it: their unionId, or the token subject of an app or service.' })
  uploadedBy: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(fields: Pick<Media, 'kind' | 'mimeType' | 'size' | 'sha256' | 'width' | 'height' | 'durationMs' | 'uploadedBy'>) {
    super();
    this.kind = fields.kind;
    this.mimeType = fields.mimeType;
    this.size = fields.size;
    this.sha256 = fields.sha256;
    this.width = fields.width;
    this.height = fields.height;
    this.durationMs = fields.durationMs;
    this.uploadedBy = fields.uploadedBy;
  }
}
