import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * A supergraph written by an accepted publish: the core subgraphs plus every module's current version.
 * Gateways poll the latest one and load it without a restart; `revision` is the primary key, so two
 * publishes racing for the same revision cannot both win.
 */
@Entity()
@ObjectType('PublishedSupergraph', { description: 'A supergraph composed by the registry after an accepted publish.' })
export class PublishedSupergraph {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => Int)
  revision: number;

  @Property({ type: 'text' })
  @Field(() => String)
  sdl: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 of the supergraph SDL.' })
  sha: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 of the core-only supergraph it was composed over: a gateway loads it only over the same core.' })
  baseSha: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'What wrote it, e.g. "okr v2 published by app:okr".' })
  reason: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(revision: number, sdl: string, sha: string, baseSha: string, reason: string) {
    this.revision = revision;
    this.sdl = sdl;
    this.sha = sha;
    this.baseSha = baseSha;
    this.reason = reason;
  }
}
