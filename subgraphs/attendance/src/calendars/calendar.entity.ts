import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

export enum CalendarDayKind {
  /** A public holiday: no work day, whatever the weekday. */
  HOLIDAY = 'HOLIDAY',
  /** A swapped working day: a weekend day worked to bridge a holiday (调休 in mainland China). */
  WORKDAY = 'WORKDAY',
}
registerEnumType(CalendarDayKind, { name: 'CalendarDayKind', description: 'A public holiday, or a weekend day that becomes a working day.' });

/** One day of a corp's work calendar for a region, shared by every rule that names the region. */
@Entity()
@Unique({ properties: ['corpId', 'region', 'date'] })
@ObjectType({ description: "A day of the corp's work calendar for a region that is not what its weekday says." })
export class CalendarDay extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: 'ISO 3166 region code, e.g. CN or CN-HK.' })
  region: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => LocalDateResolver)
  date: string;

  @Enum({ items: () => CalendarDayKind, type: 'string', length: 16 })
  @Field(() => CalendarDayKind)
  kind: CalendarDayKind;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: "The event's summary, e.g. 春节." })
  name: string;

  constructor(region: string, date: string, kind: CalendarDayKind, name: string) {
    super();
    this.region = region;
    this.date = date;
    this.kind = kind;
    this.name = name;
  }
}
