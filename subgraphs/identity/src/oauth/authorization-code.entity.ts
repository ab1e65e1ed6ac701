import { Entity, Index, PrimaryKeyProp, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { randomUUID } from 'node:crypto';

/**
 * A one-time authorization code (OAuth 2 §4.1): who signed in to which app, where the code may be
 * redeemed, and the PKCE challenge. Only its SHA-256 is stored; `usedAt` makes it one-time.
 */
@Entity()
@Index({ properties: ['appId', 'revokedAt'] })
export class AuthorizationCode extends CorpScoped {
  [PrimaryKeyProp]?: 'codeHash';

  @PrimaryKey({ type: 'string', length: 64 })
  codeHash: string;

  @Property({ type: 'string', length: 40 })
  appId: string;

  @Property({ type: 'string', length: 40 })
  unionId: string;

  @Property({ type: 'string', length: 2000 })
  redirectUri: string;

  @Property({ type: 'string', length: 128, nullable: true })
  codeChallenge?: string | null;

  /** `S256` or `plain`. */
  @Property({ type: 'string', length: 8, nullable: true })
  codeChallengeMethod?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  nonce?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  scope?: string | null;

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;

  /**
   * Named in the access tokens issued from the code (claim `grant_id`), so that they can be revoked together, and
   * the family of the refresh tokens issued from it (`RefreshToken.grantId`).
   */
  @Property({ type: 'uuid', nullable: true, index: true })
  grantId?: string | null = randomUUID();

  /**
   * Set when the grant was revoked: the code presented again after its exchange, a rotated refresh token presented
   * again, or a revocation request (RFC 7009). The access and refresh tokens of the grant are refused from then on.
   */
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  constructor(fields: Pick<AuthorizationCode, 'codeHash' | 'appId' | 'unionId' | 'redirectUri' | 'expiresAt' | 'codeChallenge' | 'codeChallengeMethod' | 'nonce' | 'scope'>) {
    super();
    this.codeHash = fields.codeHash;
    this.appId = fields.appId;
    this.unionId = fields.unionId;
    this.redirectUri = fields.redirectUri;
    this.expiresAt = fields.expiresAt;
    this.codeChallenge = fields.codeChallenge;
    this.codeChallengeMethod = fields.codeChallengeMethod;
    this.nonce = fields.nonce;
    this.scope = fields.scope;
  }
}
