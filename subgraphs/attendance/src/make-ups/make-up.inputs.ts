import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { CheckInType } from '../check-ins/check-in.entity';

@InputType({ description: "A missed check-in of one of the caller's past work days (today included) to make up." })
export class RequestMakeUpCheckInInput {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => CheckInType, { description: 'ON_DUTY or OFF_DUTY.' })
  type!: CheckInType;

  @Field(() => String)
  @Length(1, 500)
  reason!: string;
}
