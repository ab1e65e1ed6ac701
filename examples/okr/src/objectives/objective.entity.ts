import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, ObjectType } from 'type-graphql';

/** An objective an employee owns for a quarter. Every row belongs to a corp (CorpScoped). */
// the table is named here so that a module copied from this one (`corphub module init`) gets tables of its own
@Entity({ tableName: 'objective' })
@PeopleScoped('ownerUnionId')
@Index({ properties: ['corpId', 'quarter', 'ownerUnionId'] })
@ObjectType({ description: 'An objective an employee owns for a quarter (OKR module).' })
export class Objective extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  /** The owner's UnionID: the one key that joins this module to the rest of the graph. */
  @Property({ type: 'string', length: 64 })
  ownerUnionId: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title: string;

  @Property({ type: 'string', length: 7 })
  @Field(() => String, { description: 'Calendar quarter, e.g. `2026-Q4`.' })
  quarter: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(ownerUnionId: string, title: string, quarter: string) {
    super();
    this.ownerUnionId = ownerUnionId;
    this.title = title;
    this.quarter = quarter;
  }
}
