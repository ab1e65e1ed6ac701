import { Field, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';

/** ISO 3166-1 alpha-2, optionally with a subdivision: CN, CN-HK, US-CA. */
export const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** The largest .ics text imported (a year of a country's days is a few kilobytes). */
export const MAX_ICS_BYTES = 1_000_000;

@InputType({ description: "A region's work calendar from an iCalendar (.ics) text." })
export class ImportWorkCalendarInput {
  @Field(() => String, { description: 'ISO 3166 region code, e.g. CN.' })
  @Matches(REGION, { message: 'region must be an ISO 3166 code such as CN or CN-HK' })
  region!: string;

  @Field(() => String, {
    description:
      'The .ics text (at most 1 MB). Each all-day VEVENT is a holiday, or a swapped working day when its CATEGORIES say WORKDAY or its summary says 班. The years it covers replace what the region had for them.',
  })
  @Length(1, MAX_ICS_BYTES)
  ics!: string;
}
