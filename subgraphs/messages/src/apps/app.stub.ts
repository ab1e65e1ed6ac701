import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's App, referenced (never extended) by a message's sender. */
@ObjectType('App')
@Directive('@key(fields: "appId", resolvable: false)')
export class AppStub {
  @Field(() => ID)
  appId!: string;
}
