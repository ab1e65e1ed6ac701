import { Entity, Filter, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CORP_FILTER, type CorpFilterParams } from '@corphub/module-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The tenant itself: a corp only ever reads its own row. */
@Entity()
@Filter({ name: CORP_FILTER, cond: (params: CorpFilterParams) => ({ id: params.corpId }), default: true })
@ObjectType({ description: 'An enterprise (tenant). Every row of every subgraph belongs to one corp.' })
@Directive('@key(fields: "id")')
export class Corp {
  @PrimaryKey({ type: 'string', length: 64 })
  @Field(() => ID, { description: 'The corpId, e.g. "demo".' })
  id: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'IANA time zone that cuts calendar days for this corp, e.g. "Asia/Shanghai".' })
  timezone: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(id: string, name: string, timezone: string) {
    this.id = id;
    this.name = name;
    this.timezone = timezone;
  }
}
