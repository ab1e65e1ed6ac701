import { randomUUID } from 'node:crypto';
import { AfterCreate, AfterDelete, Entity, Index, PrimaryKey, Property, Unique, type EventArgs, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { countCheckIn } from './check-in-days';

export enum CheckInType {
  ON_DUTY = 'ON_DUTY',
  OFF_DUTY = 'OFF_DUTY',
  FIELD = 'FIELD',
}
registerEnumType(CheckInType, { name: 'CheckInType', description: 'Arriving, leaving, or a check-in away from the office.' });

export enum CheckInException {
  LATE = 'LATE',
  EARLY_LEAVE = 'EARLY_LEAVE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
}
registerEnumType(CheckInException, { name: 'CheckInException' });

/**
 * One check-in, evaluated once against the rule version in force; its results never change afterwards. Written
 * through the unit of work it counts in its day (CheckInDay); a bulk insert recounts (recountCheckInDays).
 */
@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'unionId', 'idempotencyKey'] })
@Index({ properties: ['corpId', 'unionId', 'localDate', 'checkedAt'] })
@Index({ properties: ['corpId', 'localDate', 'unionId'] })
@ObjectType({ description: 'A check-in stamped by the server, with the exceptions found when it was made.' })
export class CheckIn extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  unionId: string;

  // a plain string column: SQLite's introspection misreads the check constraint of an enum column named `type`
  @Property({ type: 'string', length: 16 })
  @Field(() => CheckInType)
  type: CheckInType;

  @Property({ type: 'datetime' })
  @Field(() => Date, { description: 'When the server received it.' })
  checkedAt: Date;

  @Property({ type: 'string', length: 10 })
  @Field(() => LocalDateResolver, { description: "The day it counts for, in the rule's time zone." })
  localDate!: string;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true })
  accuracyMeters?: number | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true })
  wifiSsid?: string | null;

  @Property({ type: 'string', length: 17, nullable: true })
  @Field(() => String, { nullable: true })
  wifiBssid?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  photoId?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'uuid', nullable: true })
  ruleId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  ruleVersionId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'The place within whose radius it was made.' })
  placeName?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: "The rule's nearest place, inside its radius or not: where an out-of-range check-in should have been, `distanceMeters` away." })
  nearestPlaceName?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Great-circle distance to the nearest place, metres.' })
  distanceMeters?: number | null;

  /** The approved make-up request that wrote it (补卡), else null: a check-in the person made. */
  @Property({ type: 'uuid', nullable: true })
  makeUpRequestId?: string | null;

  @Property({ type: 'boolean' })
  late: boolean;

  @Property({ type: 'boolean' })
  earlyLeave: boolean;

  @Property({ type: 'boolean' })
  outOfRange: boolean;

  /** The exceptions are required here, not defaulted: a column default on a boolean reads as a schema change in SQLite. */
  constructor(unionId: string, type: CheckInType, checkedAt: Date, exceptions: { late: boolean; earlyLeave: boolean; outOfRange: boolean }) {
    super();
    this.unionId = unionId;
    this.type = type;
    this.checkedAt = checkedAt;
    this.late = exceptions.late;
    this.earlyLeave = exceptions.earlyLeave;
    this.outOfRange = exceptions.outOfRange;
  }

  // in the flush's transaction: a check-in and its day's counts are written together or not at all
  @AfterCreate()
  async addToDay({ em }: EventArgs<this>): Promise<void> {
    await countCheckIn(em, this, 1);
  }

  @AfterDelete()
  async takeFromDay({ em }: EventArgs<this>): Promise<void> {
    await countCheckIn(em, this, -1);
  }
}

/** A check-in's exceptions, in a fixed order. */
export function exceptionsOf(checkIn: CheckIn): CheckInException[] {
  return [
    ...(checkIn.late ? [CheckInException.LATE] : []),
    ...(checkIn.earlyLeave ? [CheckInException.EARLY_LEAVE] : []),
    ...(checkIn.outOfRange ? [CheckInException.OUT_OF_RANGE] : []),
  ];
}
