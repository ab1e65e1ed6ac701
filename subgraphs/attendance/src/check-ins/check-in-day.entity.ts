import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';

/**
 * How many check-ins of each kind, and with each exception, a person has on a local date: kept current by
 * every check-in written or deleted (check-in-days.ts), so a month's summary reads one row per person-day
 * instead of aggregating every check-in on each request.
 * The id is the only unique key: PostgreSQL's upsert resolves a conflict on its arbiter alone, so a second
 * unique key over the same columns would fail two first check-ins of one person-day written at once.
 */
@Entity()
@PeopleScoped('unionId')
@Index({ properties: ['corpId', 'unionId', 'localDate'] })
export class CheckInDay extends CorpScoped {
  /** `corpId|unionId|localDate`: the key the counting upsert conflicts on. */
  @PrimaryKey({ type: 'string', length: 120 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  unionId!: string;

  @Property({ type: 'string', length: 10 })
  localDate!: string;

  @Property({ type: 'integer' })
  onDuty!: number;

  @Property({ type: 'integer' })
  offDuty!: number;

  @Property({ type: 'integer' })
  field!: number;

  @Property({ type: 'integer' })
  late!: number;

  @Property({ type: 'integer' })
  earlyLeave!: number;

  @Property({ type: 'integer' })
  outOfRange!: number;
}
