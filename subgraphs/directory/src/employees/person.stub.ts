import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** identity's Person, extended here with its `employee` record (identity owns every other field). */
@ObjectType({ description: 'A person (owned by identity).' })
@Directive('@key(fields: "unionId")')
export class Person {
  @Field(() => ID)
  unionId!: string;
}
