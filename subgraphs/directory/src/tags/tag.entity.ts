import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, PrimaryKeyProp, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Field, ObjectType } from 'type-graphql';

/** A corp-scoped label on employees (e.g. `finance`, `first-aider`); messages can target one. */
@Entity()
@Unique({ properties: ['corpId', 'name'] })
@ObjectType({ description: 'A label on employees, unique by name in the corp.' })
export class Tag extends CorpScoped {
  [PrimaryKeyProp]?: 'key';

  @PrimaryKey({ type: 'uuid' })
  key: string & Opt = randomUUID();

  @Property({ type: 'string', length: 64 })
  @Field(() => String)
  name: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(name: string) {
    super();
    this.name = name;
  }
}
