import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import type { SchemaChange } from './registry.checks';
import { ModuleSubgraph } from './module-subgraph.entity';
import { SchemaChangeType } from './registry.types';

/** One accepted SDL of a module's subgraph. Refused candidates are never stored. */
@Entity()
@Unique({ properties: ['subgraph', 'version'] })
@ObjectType({ description: "One accepted version of a module's subgraph SDL, with who published it and when." })
export class SubgraphVersion {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => ModuleSubgraph, { ref: true, fieldName: 'subgraph_id' })
  subgraph: Ref<ModuleSubgraph>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '1 for the first publish, then one more per accepted publish.' })
  version: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The subgraph SDL as published.' })
  sdl: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 of the SDL, hex.' })
  sha: string;

  @Property({ type: 'string', length: 500 })
  @Field(() => String, { description: 'The routing URL published with this version.' })
  url: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Who published it: the token subject (a vendor app or a platform admin).' })
  publishedBy: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  publishedAt: Date & Opt = new Date();

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'True when a platform admin published it despite breaking changes.' })
  forced: boolean;

  @Property({ type: 'json' })
  @Field(() => [SchemaChangeType], { description: 'What changed for clients against the previous supergraph.' })
  changes: SchemaChange[];

  constructor(init: Pick<SubgraphVersion, 'subgraph' | 'version' | 'sdl' | 'sha' | 'url' | 'publishedBy' | 'forced' | 'changes'>) {
    this.subgraph = init.subgraph;
    this.version = init.version;
    this.sdl = init.sdl;
    this.sha = init.sha;
    this.url = init.url;
    this.publishedBy = init.publishedBy;
    this.forced = init.forced;
    this.changes = init.changes;
  }
}
