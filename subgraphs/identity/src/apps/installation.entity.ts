import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { App } from './app.entity';

export enum InstallationStatus {
  INSTALLED = 'INSTALLED',
  UNINSTALLED = 'UNINSTALLED',
}
registerEnumType(InstallationStatus, { name: 'InstallationStatus' });

/** A visibility scope: departments (with everything below them), tags and named people, united. */
export interface AppScopeData {
  departmentIds: string[];
  tags: string[];
  unionIds: string[];
}

@Entity()
@Unique({ properties: ['corpId', 'app'] })
@ObjectType({ description: "An app's installation in a corp." })
export class Installation extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => App, { ref: true, fieldName: 'app_id' })
  app: Ref<App>;

  @Enum({ items: () => InstallationStatus })
  @Field(() => InstallationStatus)
  status: InstallationStatus & Opt = InstallationStatus.INSTALLED;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  installedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  uninstalledAt?: Date;

  /** The people the app's tokens may see; null: the whole corp. */
  @Property({ type: 'json', nullable: true })
  scope?: AppScopeData | null;

  constructor(app: Ref<App>) {
    super();
    this.app = app;
  }

  get isInstalled(): boolean {
    return (this.status as InstallationStatus) === InstallationStatus.INSTALLED;
  }
}
