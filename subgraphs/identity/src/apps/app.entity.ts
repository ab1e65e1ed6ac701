import { Entity, PrimaryKeyProp, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A vendor's module, registered once on the platform. Apps are the one platform-wide catalogue,
 * so they are not corp-scoped; what a corp uses is its `Installation`.
 */
@Entity()
@ObjectType({ description: "A vendor's module (app) registered on the hub." })
@Directive('@key(fields: "appId")')
export class App {
  [PrimaryKeyProp]?: 'appId';

  @PrimaryKey({ type: 'string', length: 40 })
  @Field(() => ID)
  appId: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  name: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  vendor: string;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  description?: string;

  /** Salted scrypt hash; the plain secret is shown once, at registration. */
  @Property({ type: 'string', length: 200 })
  secretHash: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(appId: string, name: string, vendor: string, secretHash: string, description?: string) {
    this.appId = appId;
    this.name = name;
    this.vendor = vendor;
    this.secretHash = secretHash;
    this.description = description;
  }
}
