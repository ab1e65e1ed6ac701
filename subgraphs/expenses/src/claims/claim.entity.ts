import { randomUUID } from 'node:crypto';
import { Embedded, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped, Money } from '@corphub/module-kit';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The longest comment a decision may carry (the history column's length). */
export const MAX_COMMENT_LENGTH = 2000;

export enum ClaimStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  PAID = 'PAID',
}
registerEnumType(ClaimStatus, { name: 'ClaimStatus', description: 'Where a claim is in its flow.' });

export enum ApprovalMode {
  ANY = 'ANY',
  ALL = 'ALL',
}
registerEnumType(ApprovalMode, {
  name: 'ApprovalMode',
  valuesConfig: { ANY: { description: 'The first decision of any approver settles the step.' }, ALL: { description: 'Every approver must approve; any rejection ends it.' } },
});

export enum StepStatus {
  WAITING = 'WAITING',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  /** Closed without a decision: the request was sent back or withdrawn. */
  CLOSED = 'CLOSED',
}
registerEnumType(StepStatus, { name: 'ApprovalStepStatus' });

export enum ClaimAction {
  CREATED = 'CREATED',
  EDITED = 'EDITED',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SENT_BACK = 'SENT_BACK',
  TRANSFERRED = 'TRANSFERRED',
  WITHDRAWN = 'WITHDRAWN',
  PAID = 'PAID',
}
registerEnumType(ClaimAction, { name: 'ClaimAction' });

@Entity()
@PeopleScoped('claimantUnionId')
@Index({ properties: ['claimantUnionId', 'createdAt'] })
@ObjectType({ description: 'An expense claim: line items with invoices, approved through the manager chain and finance.' })
export class ExpenseClaim extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 64 })
  @Field(() => ID, { description: 'The claimant’s unionId.' })
  claimantUnionId: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => ClaimStatus)
  status: ClaimStatus = ClaimStatus.DRAFT;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Pass it back with every change: a stale version is CONFLICT.' })
  version: number & Opt = 1;

  /** Legacy: the step awaiting a decision of a claim submitted before approvals moved to the approvals service (`currentStep` in the graph). */
  @Property({ type: 'integer', nullable: true })
  currentStep: number | null = null;

  /** The approvals service's request for the claim's current submission (null for a draft and for claims submitted before the move). */
  @Property({ type: 'string', length: 36, nullable: true, index: true })
  approvalId: string | null = null;

  /** The request's version whose history the claim has mirrored: each sync adds only newer entries. */
  @Property({ type: 'integer' })
  approvalSynced: number & Opt = 0;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  paymentReference: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  @Field(() => Date)
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  submittedAt: Date | null = null;

  constructor(claimantUnionId: string, title: string) {
    super();
    this.claimantUnionId = claimantUnionId;
    this.title = title;
  }
}

@Entity()
@ObjectType({ description: 'One expense of a claim.' })
export class LineItem extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => ExpenseClaim, { ref: true, deleteRule: 'cascade', index: true })
  claim: Ref<ExpenseClaim>;

  @Property({ type: 'integer' })
  position: number;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'One of the corp’s expense categories.' })
  category: string;

  @Embedded(() => Money)
  @Field(() => Money)
  amount: Money;

  @Property({ type: 'date' })
  @Field(() => LocalDateResolver)
  incurredOn: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  merchant: string | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  invoiceId: string | null = null;

  constructor(claim: Ref<ExpenseClaim>, position: number, category: string, amount: Money, incurredOn: string) {
    super();
    this.claim = claim;
    this.position = position;
    this.category = category;
    this.amount = amount;
    this.incurredOn = incurredOn;
  }
}

/** Legacy rows: the steps of claims submitted before approvals moved to the approvals service (read-only now). */
@Entity()
@Unique({ properties: ['claim', 'position'] })
@ObjectType({ description: 'A step of a submitted claim’s approval, fixed on submit (the approvals service’s request, seen as expenses always showed it).' })
export class ApprovalStep extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => ExpenseClaim, { ref: true, deleteRule: 'cascade' })
  claim: Ref<ExpenseClaim>;

  @Property({ type: 'integer' })
  @Field(() => Int)
  position: number;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: 'MANAGER or FINANCE.' })
  role: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => ApprovalMode)
  mode: ApprovalMode;

  @Property({ type: 'string', length: 16 })
  @Field(() => StepStatus)
  status: StepStatus = StepStatus.WAITING;

  constructor(claim: Ref<ExpenseClaim>, position: number, role: string, mode: ApprovalMode) {
    super();
    this.claim = claim;
    this.position = position;
    this.role = role;
    this.mode = mode;
  }
}

@Entity()
@Index({ properties: ['approverUnionId', 'decision'] })
@ObjectType({ description: 'An approver of a step and their decision.' })
export class StepApprover extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ApprovalStep, { ref: true, deleteRule: 'cascade', index: true })
  step: Ref<ApprovalStep>;

  @Property({ type: 'string', length: 36, index: true })
  claimId: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => ID)
  approverUnionId: string;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: 'APPROVED or REJECTED once decided.' })
  decision: string | null = null;

  constructor(step: Ref<ApprovalStep>, claimId: string, approverUnionId: string) {
    super();
    this.step = step;
    this.claimId = claimId;
    this.approverUnionId = approverUnionId;
  }
}

@Entity()
@ObjectType({ description: 'One step in a claim’s history; never changed or deleted.' })
export class ClaimEvent extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 36, index: true })
  claimId: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => ClaimAction)
  action: ClaimAction;

  @Property({ type: 'string', length: 128 })
  @Field(() => String, { description: 'Who acted: a unionId, or the token subject.' })
  actor: string;

  @Property({ type: 'string', length: MAX_COMMENT_LENGTH, nullable: true })
  @Field(() => String, { nullable: true })
  comment: string | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The claim’s version after this step.' })
  version: number;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  at: Date & Opt = new Date();

  constructor(claimId: string, action: ClaimAction, actor: string, version: number, comment: string | null = null) {
    super();
    this.claimId = claimId;
    this.action = action;
    this.actor = actor;
    this.version = version;
    this.comment = comment;
  }
}

/** Stored form of a manager level's approval limit in one currency. */
export interface StoredApprovalLimit {
  level: number;
  currency: string;
  amountMinor: number;
}

@ObjectType({ description: 'Up to how much a manager level approves alone in one currency: the chain stops at the first level whose limits cover the claim.' })
export class ManagerApprovalLimit {
  @Field(() => Int, { description: '1 = the claimant’s direct manager, 2 = theirs, …' })
  level!: number;

  @Field(() => Money, { description: 'Claims up to this total (included) in its currency.' })
  limit!: Money;
}

export const DEFAULT_CATEGORIES = ['travel', 'meals', 'lodging', 'transport', 'office', 'other'];

@Entity()
@Unique({ properties: ['corpId'] })
@ObjectType({ description: 'The corp’s expense settings.' })
export class ExpenseSettings extends CorpScoped {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string & Opt = randomUUID();

  @Property({ type: 'json' })
  @Field(() => [String])
  categories: string[] & Opt = [...DEFAULT_CATEGORIES];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many levels of the claimant’s manager chain approve, nearest first.' })
  managerDepth: number & Opt = 2;

  @Property({ type: 'string', length: 16 })
  @Field(() => ApprovalMode, { description: 'Whether one finance approver settles the finance step, or all must approve.' })
  financeMode: ApprovalMode = ApprovalMode.ANY;

  /** Per level and currency; see `managerLevelsFor`. */
  @Property({ type: 'json' })
  approvalLimits: StoredApprovalLimit[] & Opt = [];

  @Field(() => [ManagerApprovalLimit], {
    description:
      'Manager approval limits per level and currency. On submit the chain stops at the first manager (nearest first, at most managerDepth) whose level has a limit in every currency of the claim covering its total there; without such a level, managerDepth managers approve. Then finance.',
  })
  get managerApprovalLimits(): ManagerApprovalLimit[] {
    return [...this.approvalLimits]
      .sort((a, b) => a.level - b.level || a.currency.localeCompare(b.currency))
      .map(({ level, currency, amountMinor }) => ({ level, limit: new Money(amountMinor, currency) }));
  }
}

/**
 * How many manager levels approve a claim with these totals (one per currency): the first level, up to
 * `managerDepth`, that has a limit in every currency of the claim at least its total there; otherwise
 * `managerDepth`. A currency without a limit at a level is never covered at that level (no exchange rate
 * is ever guessed); an empty claim needs no limit.
 */
export function managerLevelsFor(settings: Pick<ExpenseSettings, 'managerDepth' | 'approvalLimits'>, totals: readonly { amountMinor: number; currency: string }[]): number {
  for (let level = 1; level <= settings.managerDepth; level++) {
    const limits = settings.approvalLimits.filter((limit) => limit.level === level);
    if (!limits.length) continue;
    const covered = totals.every((total) => limits.some((limit) => limit.currency === total.currency && limit.amountMinor >= total.amountMinor));
    if (covered) return level;
  }
  return settings.managerDepth;
}
