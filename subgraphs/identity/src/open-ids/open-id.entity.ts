import { Entity, PrimaryKeyProp, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { App } from '../apps/app.entity';
import { Person } from '../people/person.entity';
import { newOpenId } from '../ids';

/**
 * How one app sees one person: a random openId per (app, person), stable once issued and different
 * in every app, so two vendors cannot correlate people through it.
 */
@Entity()
@PeopleScoped('person')
@Unique({ properties: ['app', 'person'] })
export class OpenId extends CorpScoped {
  [PrimaryKeyProp]?: 'openId';

  @PrimaryKey({ type: 'string', length: 40 })
  openId: string & Opt = newOpenId();

  @ManyToOne(() => App, { ref: true, fieldName: 'app_id' })
  app: Ref<App>;

  @ManyToOne(() => Person, { ref: true, fieldName: 'union_id' })
  person: Ref<Person>;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  constructor(app: Ref<App>, person: Ref<Person>) {
    super();
    this.app = app;
    this.person = person;
  }
}
