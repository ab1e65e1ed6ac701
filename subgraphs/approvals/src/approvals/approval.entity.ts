import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { BigIntType } from '@mikro-orm/core';
import { CorpScoped, Money, PeopleScoped } from '@corphub/module-kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The partial unique index on a subject's PENDING request. */
export const PENDING_SUBJECT_UNIQUE = 'approval_request_pending_subject_unique';

/** The longest comment or reason a decision may carry. */
export const MAX_COMMENT_LENGTH = 2000;

export enum ApprovalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SENT_BACK = 'SENT_BACK',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ApprovalStatus, {
  name: 'ApprovalRequestStatus',
  description: 'Where an approval request is. Every status but PENDING is final: the asking module hears it (`approval.decided`).',
});

export enum ApprovalStepKind {
  MANAGER_CHAIN = 'MANAGER_CHAIN',
  ROLE = 'ROLE',
  TAG = 'TAG',
  PEOPLE = 'PEOPLE',
}
registerEnumType(ApprovalStepKind, {
  name: 'ApprovalStepKind',
  valuesConfig: {
    MANAGER_CHAIN: { description: 'The requester’s managers, nearest first, one step each, up to a depth or an amount threshold.' },
    ROLE: { description: 'The active employees with a job title.' },
    TAG: { description: 'The active employees carrying a tag.' },
    PEOPLE: { description: 'Named people.' },
  },
});

export enum ApprovalQuorum {
  ANY = 'ANY',
  ALL = 'ALL',
}
registerEnumType(ApprovalQuorum, {
  name: 'ApprovalQuorum',
  valuesConfig: { ANY: { description: 'One approval settles the step.' }, ALL: { description: 'Every approver of the step must approve.' } },
});

export enum StepStatus {
  WAITING = 'WAITING',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CLOSED = 'CLOSED',
}
registerEnumType(StepStatus, { name: 'ApprovalRequestStepStatus', description: 'WAITING for earlier steps, PENDING now, APPROVED, REJECTED, or CLOSED without a decision (sent back, withdrawn).' });

export enum ApproverDecision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SENT_BACK = 'SENT_BACK',
  TRANSFERRED = 'TRANSFERRED',
}
registerEnumType(ApproverDecision, { name: 'ApproverDecision' });

export enum ApprovalAction {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SENT_BACK = 'SENT_BACK',
  TRANSFERRED = 'TRANSFERRED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ApprovalAction, { name: 'ApprovalAction' });

@Entity()
@PeopleScoped('requesterUnionId')
@Index({ properties: ['appId', 'subjectType', 'subjectId'] })
@Index({ properties: ['requesterUnionId', 'createdAt'] })
// one PENDING request per subject: two racing requestApproval calls cannot both insert (the loser is CONFLICT)
@Unique({
  name: PENDING_SUBJECT_UNIQUE,
  expression: (table, columns, name) =>
    `create unique index "${name}" on ${table.schema ? `"${table.schema}".` : ''}"${table.name}" ("${columns.corpId}", "${columns.appId}", "${columns.subjectType}", "${columns.subjectId}") where "${columns.status}" = 'PENDING'`,
})
@ObjectType({ description: 'A module’s request for approval of one of its entities (the subject), routed through the org chart.' })
@Directive('@key(fields: "id")')
export class ApprovalRequest extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Field(() => ID, { description: 'The app (module) that asked; it hears the outcome.' })
  appId: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'The subject’s GraphQL type, e.g. `ExpenseClaim`, `LeaveRequest`, or a vendor’s own.' })
  subjectType: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => ID, { description: 'The subject’s key in its module.' })
  subjectId: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => ID, { description: 'The requester’s unionId.' })
  requesterUnionId: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'What is asked, as the module put it at request time (a snapshot).' })
  title: string;

  @Property({ type: 'string', length: MAX_COMMENT_LENGTH, nullable: true })
  @Field(() => String, { nullable: true, description: 'More about it (a snapshot).' })
  summary: string | null = null;

  /** Where the module shows the subject: the messages link there (null: the request itself). */
  @Property({ type: 'string', length: 300, nullable: true })
  link: string | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  amountMinor: number | null = null;

  @Property({ type: 'string', length: 3, nullable: true })
  currency: string | null = null;

  @Property({ type: 'string', length: 16 })
  @Field(() => ApprovalStatus)
  status: ApprovalStatus = ApprovalStatus.PENDING;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Pass it back with every decision: a stale version is CONFLICT.' })
  version: number & Opt = 1;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Position of the step awaiting a decision while PENDING.' })
  currentStep: number | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date)
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it reached its final status.' })
  decidedAt: Date | null = null;

  @OneToMany(() => ApprovalApprover, (row) => row.request)
  approverRows = new Collection<ApprovalApprover>(this);

  get amount(): Money | null {
    return this.amountMinor === null || this.currency === null ? null : new Money(this.amountMinor, this.currency);
  }

  constructor(appId: string, subjectType: string, subjectId: string, requesterUnionId: string, title: string) {
    super();
    this.appId = appId;
    this.subjectType = subjectType;
    this.subjectId = subjectId;
    this.requesterUnionId = requesterUnionId;
    this.title = title;
  }
}

@Entity({ tableName: 'approval_step' })
@Index({ properties: ['request', 'position'] })
@ObjectType('ApprovalRequestStep', { description: 'A step of a request, resolved from the org chart when it was asked.' })
export class ApprovalStep extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => ApprovalRequest, { ref: true, deleteRule: 'cascade' })
  request: Ref<ApprovalRequest>;

  @Property({ type: 'integer' })
  @Field(() => Int)
  position: number;

  @Property({ type: 'string', length: 16 })
  @Field(() => ApprovalStepKind)
  kind: ApprovalStepKind;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'What the step is, e.g. `Manager (level 1)`, `Role: Finance lead`, `Tag: finance`.' })
  label: string;

  @Property({ type: 'string', length: 8 })
  @Field(() => ApprovalQuorum)
  quorum: ApprovalQuorum;

  @Property({ type: 'string', length: 16 })
  @Field(() => StepStatus)
  status: StepStatus = StepStatus.WAITING;

  constructor(request: Ref<ApprovalRequest>, position: number, kind: ApprovalStepKind, label: string, quorum: ApprovalQuorum) {
    super();
    this.request = request;
    this.position = position;
    this.kind = kind;
    this.label = label;
    this.quorum = quorum;
  }
}

@Entity({ tableName: 'approval_approver' })
@Index({ properties: ['approverUnionId', 'active'] })
@ObjectType({ description: 'An approver of a step and their decision.' })
export class ApprovalApprover extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ApprovalStep, { ref: true, deleteRule: 'cascade', index: true })
  step: Ref<ApprovalStep>;

  @ManyToOne(() => ApprovalRequest, { ref: true, deleteRule: 'cascade', index: true })
  request: Ref<ApprovalRequest>;

  @Property({ type: 'string', length: 64 })
  @Field(() => ID)
  approverUnionId: string;

  /** True while the decision is theirs to make: their step is the current one and they have not decided. */
  @Property({ type: 'boolean' })
  active: boolean & Opt = false;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => ApproverDecision, { nullable: true })
  decision: ApproverDecision | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt: Date | null = null;

  constructor(step: Ref<ApprovalStep>, request: Ref<ApprovalRequest>, approverUnionId: string) {
    super();
    this.step = step;
    this.request = request;
    this.approverUnionId = approverUnionId;
  }
}

@Entity({ tableName: 'approval_event' })
@ObjectType({ description: 'One entry of a request’s history; never changed or deleted.' })
export class ApprovalEvent extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 36, index: true })
  requestId: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => ApprovalAction)
  action: ApprovalAction;

  @Property({ type: 'string', length: 128 })
  @Field(() => String, { description: 'Who acted: a unionId, or the app’s token subject.' })
  actor: string;

  @Property({ type: 'string', length: MAX_COMMENT_LENGTH, nullable: true })
  @Field(() => String, { nullable: true })
  comment: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: 'TRANSFERRED: to whom.' })
  transferredTo: string | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The request’s version after this entry.' })
  version: number;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  at: Date & Opt = new Date();

  constructor(requestId: string, action: ApprovalAction, actor: string, version: number, comment: string | null = null) {
    super();
    this.requestId = requestId;
    this.action = action;
    this.actor = actor;
    this.version = version;
    this.comment = comment;
  }
}
