import { IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { CheckInType } from './check-in.entity';
import { BSSID, CoordinatesInput } from '../rules/rule.inputs';

@InputType()
export class LocationInput extends CoordinatesInput {
  @Field(() => Float, { nullable: true, description: 'Metres, as the device reports it.' })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  accuracyMeters?: number;
}

@InputType()
export class WifiInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 64)
  ssid?: string;

  @Field(() => String)
  @Matches(BSSID, { message: 'bssid must be a MAC address like aa:bb:cc:dd:ee:ff' })
  bssid!: string;
}

@InputType({ description: 'A check-in by the caller for themself; the time is the server’s.' })
export class CheckInInput {
  @Field(() => CheckInType)
  type!: CheckInType;

  @Field(() => LocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  location?: LocationInput;

  @Field(() => WifiInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  wifi?: WifiInput;

  @Field(() => ID, { nullable: true, description: 'An IMAGE uploaded to /media (a landmark photo).' })
  @IsOptional()
  @Length(1, 64)
  photoId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500)
  note?: string;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key answers the first check-in and writes nothing.' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string;
}
