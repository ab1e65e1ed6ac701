import { Entity, PrimaryKeyProp, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
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

  /**
   * The subgraph that serves this module's fields in the graph, if it has one. A corp that has not
   * installed the app gets MODULE_NOT_INSTALLED from that subgraph's fields.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  @Unique()
  @Field(() => String, { nullable: true, description: "The subgraph serving this module's fields; answered only for corps that installed the app." })
  subgraph?: string | null;

  /** Salted scrypt hash; the plain secret is shown once, at registration. */
  @Property({ type: 'string', length: 200 })
  secretHash: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(appId: string, name: string, vendor: string, secretHash: string, description?: string, subgraph?: string) {
    this.appId = appId;
    this.subgraph = subgraph ?? null;
    this.name = name;
    this.vendor = vendor;
    this.secretHash = secretHash;
    this.description = description;
  }
}
