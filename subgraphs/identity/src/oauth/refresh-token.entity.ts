import { Entity, PrimaryKeyProp, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';

/**
 * A refresh token (RFC 6749 §6), opaque and random; only its SHA-256 is stored. Each use rotates it: the token
 * is marked `rotatedAt` and a successor is issued in the same family, the grant (`grantId`) of the authorization
 * code it descends from. A rotated token presented again revokes that grant, so the whole family and its access
 * tokens (OAuth 2.0 Security BCP §4.14.2).
 */
@Entity()
export class RefreshToken extends CorpScoped {
  [PrimaryKeyProp]?: 'tokenHash';

  @PrimaryKey({ type: 'string', length: 64 })
  tokenHash: string;

  /** The family: `AuthorizationCode.grantId`, whose `revokedAt` revokes every token of it. */
  @Property({ type: 'uuid', index: true })
  grantId: string;

  @Property({ type: 'string', length: 40 })
  appId: string;

  @Property({ type: 'datetime' })
  expiresAt: Date;

  /** Set when the token was exchanged for its successor: one use only. */
  @Property({ type: 'datetime', nullable: true })
  rotatedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  constructor(fields: Pick<RefreshToken, 'tokenHash' | 'grantId' | 'appId' | 'expiresAt'>) {
    super();
    this.tokenHash = fields.tokenHash;
    this.grantId = fields.grantId;
    this.appId = fields.appId;
    this.expiresAt = fields.expiresAt;
  }
}
