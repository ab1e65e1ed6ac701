import { Entity, Index, PrimaryKeyProp, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newUnionId } from '../ids';

@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'email'] })
// `people` pages in this order: a page after a cursor is read from here, not sorted from the whole corp
@Index({ properties: ['corpId', 'createdAt', 'unionId'] })
@ObjectType({ description: 'A person, known across every vendor app of the hub by one UnionID.' })
@Directive('@key(fields: "unionId")')
export class Person extends CorpScoped {
  [PrimaryKeyProp]?: 'unionId';

  @PrimaryKey({ type: 'string', length: 40 })
  @Field(() => ID, { description: 'Cross-app identity: opaque, random, the same in every app of the hub.' })
  unionId: string & Opt = newUnionId();

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  displayName: string;

  @Property({ type: 'string', length: 254, nullable: true })
  @Field(() => String, { nullable: true })
  email?: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(displayName: string, email?: string) {
    super();
    this.displayName = displayName;
    this.email = email;
  }
}
