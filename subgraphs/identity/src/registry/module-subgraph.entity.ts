import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { App } from '../apps/app.entity';

/**
 * A vendor module's subgraph in the registry: its name in the supergraph, where the gateway reaches it,
 * and (in `SubgraphVersion`) every SDL accepted for it. Platform-wide like `App`: not corp-scoped.
 */
@Entity()
@ObjectType({ description: "A module's subgraph registered with the hub: name, routing URL, accepted SDL versions." })
export class ModuleSubgraph {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  /** The subgraph's name in the supergraph (and in errors' `serviceName`). */
  @Property({ type: 'string', length: 40 })
  @Unique()
  @Field(() => String, { description: "The subgraph's name in the supergraph." })
  name: string;

  /** One subgraph per app: the app that published it first owns the name. */
  @ManyToOne(() => App, { ref: true, fieldName: 'app_id', unique: true })
  app: Ref<App>;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'Where the gateway sends this subgraph\'s part of a query (its current version\'s URL).' })
  url: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The number of the current (latest accepted) version.' })
  currentVersion: number;

  /**
   * Set by `retireSubgraph`: the supergraph no longer contains the module. The row and its versions stay,
   * so the name stays its app's: publishing it again (that app only) revives it as a new version.
   */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the module was retired (gateways no longer serve it); null while it is live.' })
  retiredAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date)
  updatedAt: Date & Opt = new Date();

  constructor(name: string, app: Ref<App>, url: string) {
    this.name = name;
    this.app = app;
    this.url = url;
    this.currentVersion = 0;
  }
}
