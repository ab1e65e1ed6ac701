import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

export enum WorkLogKind {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  NOTE = 'NOTE',
}
registerEnumType(WorkLogKind, {
  name: 'WorkLogKind',
  description: 'What a work log covers.',
  valuesConfig: {
    DAILY: { description: 'One day (`date`): at most one per author and date.' },
    WEEKLY: { description: 'One ISO week (`week`, e.g. "2026-W48"): at most one per author and week.' },
    NOTE: { description: 'A free note, any number of them.' },
  },
});

export enum WorkLogVisibility {
  TEAM = 'TEAM',
  DEPARTMENT = 'DEPARTMENT',
  PEOPLE = 'PEOPLE',
  CORP = 'CORP',
}
registerEnumType(WorkLogVisibility, {
  name: 'WorkLogVisibility',
  description: 'Who may read a work log (the author always may; admins, analysts and services read every log of their corp).',
  valuesConfig: {
    TEAM: { description: "Members of the author's departments (not the departments below) and the author's management chain." },
    DEPARTMENT: { description: "Members of the author's departments and of every department below them, and the author's management chain." },
    PEOPLE: { description: 'Only the people named in `readerUnionIds`.' },
    CORP: { description: 'Everyone in the corp.' },
  },
});

/**
 * A work log. Who may read it is written down at write time as audience keys (see work-log.audience.ts), so that
 * every read path filters with one indexed `exists`, never with a call per log.
 */
@Entity()
@PeopleScoped('authorUnionId')
// one daily log per author and date, one weekly log per author and week (NULLs never clash)
@Unique({ properties: ['corpId', 'authorUnionId', 'date'] })
@Unique({ properties: ['corpId', 'authorUnionId', 'week'] })
@Index({ properties: ['corpId', 'createdAt', 'id'] })
@Index({ properties: ['corpId', 'authorUnionId', 'createdAt', 'id'] })
@ObjectType({ description: 'A daily or weekly work log, or a note, with an optional voice note and attachments.' })
export class WorkLog extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  authorUnionId: string;

  // plain string columns for the enums: MikroORM 6.6's SQLite check parser reads ('DAILY', 'WEEKLY', 'NOTE') back
  // without WEEKLY, so a check constraint would differ from the entity on every schema compare
  @Property({ type: 'string', length: 16 })
  @Field(() => WorkLogKind)
  kind: WorkLogKind;

  @Property({ type: 'date', nullable: true, fieldName: 'log_date' })
  @Field(() => LocalDateResolver, { nullable: true, description: 'The day a DAILY log covers.' })
  date?: string | null;

  @Property({ type: 'string', length: 8, nullable: true })
  @Field(() => String, { nullable: true, description: 'The ISO week a WEEKLY log covers, e.g. "2026-W48".' })
  week?: string | null;

  @Property({ type: 'text', fieldName: 'body' })
  @Field(() => String)
  text: string;

  @Property({ type: 'string', length: 64, nullable: true })
  voiceMediaId?: string | null;

  /** Read from the media subgraph when the voice note was attached. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Length of the voice note in whole seconds, as the media subgraph measured it.' })
  voiceDurationSeconds?: number | null;

  @Property({ type: 'json' })
  attachmentIds: string[] & Opt = [];

  @Property({ type: 'string', length: 16 })
  @Field(() => WorkLogVisibility)
  visibility: WorkLogVisibility;

  /** For PEOPLE: the named readers. */
  @Property({ type: 'json' })
  readerUnionIds: string[] & Opt = [];

  /** The author's departments (ids) when the log was written: what the feed's `departmentId` filter matches. */
  @OneToMany(() => WorkLogDepartment, (link) => link.log)
  departments = new Collection<WorkLogDepartment>(this);

  @OneToMany(() => WorkLogAudience, (audience) => audience.log)
  audience = new Collection<WorkLogAudience>(this);

  @OneToMany(() => WorkLogRead, (read) => read.log)
  reads = new Collection<WorkLogRead>(this);

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the text, voice note, attachments or visibility last changed.' })
  editedAt?: Date | null;

  constructor(authorUnionId: string, kind: WorkLogKind, text: string, visibility: WorkLogVisibility) {
    super();
    this.authorUnionId = authorUnionId;
    this.kind = kind;
    this.text = text;
    this.visibility = visibility;
  }
}

/** One key of a log's audience (see work-log.audience.ts for the key scheme). */
@Entity()
@Unique({ properties: ['log', 'key'] })
@Index({ properties: ['key', 'log'] })
export class WorkLogAudience extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => WorkLog, { ref: true, deleteRule: 'cascade' })
  log: Ref<WorkLog>;

  @Property({ type: 'string', length: 120 })
  key: string;

  constructor(log: Ref<WorkLog>, key: string) {
    super();
    this.log = log;
    this.key = key;
  }
}

/** A department the author belonged to (directly, or one above it) when the log was written. */
@Entity()
@Unique({ properties: ['log', 'departmentId'] })
@Index({ properties: ['departmentId', 'log'] })
export class WorkLogDepartment extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => WorkLog, { ref: true, deleteRule: 'cascade' })
  log: Ref<WorkLog>;

  @Property({ type: 'string', length: 100 })
  departmentId: string;

  constructor(log: Ref<WorkLog>, departmentId: string) {
    super();
    this.log = log;
    this.departmentId = departmentId;
  }
}

@Entity()
@PeopleScoped('authorUnionId')
@Index({ properties: ['log', 'createdAt', 'id'] })
@ObjectType('WorkLogComment', { description: 'A comment on a work log; whoever may read the log reads its comments.' })
export class WorkLogComment extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => WorkLog, { ref: true, deleteRule: 'cascade' })
  log: Ref<WorkLog>;

  @Property({ type: 'string', length: 40 })
  authorUnionId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  text: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(log: Ref<WorkLog>, authorUnionId: string, text: string) {
    super();
    this.log = log;
    this.authorUnionId = authorUnionId;
    this.text = text;
  }
}

/** A read receipt: `readerUnionId` opened the log (once; the first time counts). */
@Entity()
@PeopleScoped('readerUnionId')
@Unique({ properties: ['log', 'readerUnionId'] })
@Index({ properties: ['readerUnionId', 'log'] })
export class WorkLogRead extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => WorkLog, { ref: true, deleteRule: 'cascade' })
  log: Ref<WorkLog>;

  @Property({ type: 'string', length: 40 })
  readerUnionId: string;

  @Property({ type: 'datetime' })
  readAt: Date & Opt = new Date();

  constructor(log: Ref<WorkLog>, readerUnionId: string) {
    super();
    this.log = log;
    this.readerUnionId = readerUnionId;
  }
}
