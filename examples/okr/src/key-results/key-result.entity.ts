import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Objective } from '../objectives/objective.entity';

/** A measurable result of an objective, 0–100 % done. */
// the table is named here so that a module copied from this one (`corphub module init`) gets tables of its own
@Entity({ tableName: 'key_result' })
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
