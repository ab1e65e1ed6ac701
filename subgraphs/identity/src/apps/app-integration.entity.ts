import { Entity, PrimaryKeyProp, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * How an app plugs into the hub beyond its catalogue entry: the redirect URIs its login may send
 * people back to (OAuth 2), and where its webhooks go. Platform-wide like `App`, one row per app.
 */
@Entity()
export class AppIntegration {
  [PrimaryKeyProp]?: 'appId';

  @PrimaryKey({ type: 'string', length: 40 })
  appId: string;

  /** Exact redirect URIs registered for the authorization-code flow. */
  @Property({ type: 'json' })
  redirectUris: string[] & Opt = [];

  @Property({ type: 'string', length: 2000, nullable: true })
  webhookUrl?: string | null;

  /**
   * The HMAC key webhooks are signed with. The sender has to hold the key itself (unlike the app
   * secret, which is only ever compared), so it is stored as is; it is shown to the vendor once.
   */
  @Property({ type: 'string', length: 100, nullable: true })
  webhookSecret?: string | null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  constructor(appId: string) {
    this.appId = appId;
  }
}
