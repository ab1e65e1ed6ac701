import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { CheckInType } from '../check-ins/check-in.entity';

export enum MakeUpStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SENT_BACK = 'SENT_BACK',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MakeUpStatus, { name: 'MakeUpStatus', description: 'It follows its approval: APPROVED made the check-in up.' });

/**
 * A request to make up a missed on-duty or off-duty check-in of a past work day (补卡). Once approved, a
 * check-in at the rule's on- or off-duty time is written for that day (never late, never early), and the
 * day's result changes with it. A slot (person, day, type) is asked once while pending or made up: `slotKey`
 * is set then and unique, and cleared when the request ends any other way, so it may be asked again.
 */
@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'unionId', 'slotKey'] })
@Index({ properties: ['corpId', 'unionId', 'date'] })
@Index({ properties: ['status', 'approvalId'] })
@ObjectType({ description: 'A request to make up a missed check-in, approved through the approvals service.' })
export class MakeUpRequest extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  unionId: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => LocalDateResolver, { description: "The day of the missed check-in, in the rule's zone." })
  date: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => CheckInType, { description: 'ON_DUTY or OFF_DUTY.' })
  type: CheckInType;

  @Property({ type: 'string', length: 500 })
  @Field(() => String)
  reason: string;

  // a plain string column: SQLite's introspection misreads enum check constraints in a table with a `type` column
  @Property({ type: 'string', length: 16 })
  @Field(() => MakeUpStatus)
  status: MakeUpStatus = MakeUpStatus.PENDING;

  /** `${date}|${type}` while pending or made up (slotOf), null once it ended otherwise. */
  @Property({ type: 'string', length: 32, nullable: true })
  slotKey?: string | null;

  /** The rule version of the day, when asked: its on- or off-duty time is the made-up check-in's. */
  @Property({ type: 'uuid' })
  ruleVersionId: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request (approvals subgraph) deciding it.' })
  approvalId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The check-in written once approved.' })
  checkInId?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt?: Date | null;

  constructor(unionId: string, date: string, type: CheckInType, reason: string, ruleVersionId: string) {
    super();
    this.ruleVersionId = ruleVersionId;
    this.unionId = unionId;
    this.date = date;
    this.type = type;
    this.reason = reason;
  }
}

/** The slot key of a person's check-in of a day and type (see MakeUpRequest.slotKey). */
export const slotOf = (date: string, type: CheckInType) => `${date}|${type}`;
