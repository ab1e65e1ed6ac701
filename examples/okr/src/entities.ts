import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** An objective an employee owns for a quarter. Every row belongs to a corp (CorpScoped). */
@Entity()
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

/** A measurable result of an objective, 0–100 % done. */
@Entity()
@ObjectType({ description: 'A measurable key result of an objective.' })
export class KeyResult extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => Objective, { ref: true, fieldName: 'objective_id' })
  objective: Ref<Objective>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Percent done, 0–100.' })
  progress: number & Opt = 0;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  updatedAt: Date & Opt = new Date();

  constructor(objective: Ref<Objective>, title: string) {
    super();
    this.objective = objective;
    this.title = title;
  }
}

export const entities = [Objective, KeyResult];
