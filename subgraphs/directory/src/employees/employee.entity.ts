import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, PrimaryKeyProp, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Department } from '../departments/department.entity';
import { Tag } from '../tags/tag.entity';

export enum EmployeeStatus {
  ACTIVE = 'ACTIVE',
  LEFT = 'LEFT',
}
registerEnumType(EmployeeStatus, { name: 'EmployeeStatus', description: 'Whether the person still works in the corp.' });

/**
 * A person's membership in a corp: the entity every module extends, keyed on the person's UnionID.
 * The row's own `key` never leaves the subgraph; the UnionID comes from identity (`addPerson`).
 */
@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'unionId'] })
@Unique({ properties: ['corpId', 'employeeNumber'] })
@Unique({ properties: ['corpId', 'email'] })
@Index({ properties: ['corpId', 'displayName', 'key'] })
@ObjectType({ description: "A person's employment in the corp, keyed on their UnionID." })
@Directive('@key(fields: "unionId")')
export class Employee extends CorpScoped {
  [PrimaryKeyProp]?: 'key';

  @PrimaryKey({ type: 'uuid' })
  key: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Field(() => ID, { description: 'The person’s UnionID (from identity).' })
  unionId: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  displayName: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Unique in the corp when set.' })
  employeeNumber?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Property({ type: 'string', length: 254, nullable: true })
  @Field(() => String, { nullable: true, description: 'Work email, unique in the corp when set (lowercase).' })
  email?: string | null;

  /** Shown in full to admins and the person only (see the `phone` field resolver). */
  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;

  /** The identity provider's own id for this user (SCIM `externalId`). */
  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: "The identity provider's id for this person (SCIM externalId)." })
  externalId?: string | null;

  @Enum({ items: () => EmployeeStatus })
  @Field(() => EmployeeStatus)
  status: EmployeeStatus & Opt = EmployeeStatus.ACTIVE;

  @Property({ type: 'date' })
  @Field(() => LocalDateResolver, { description: 'First working day.' })
  joinedAt: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateResolver, { nullable: true, description: 'Last working day, once offboarded.' })
  leftAt?: string | null;

  @ManyToOne(() => Employee, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  manager?: Ref<Employee> | null;

  /** Lowercased name, employee number and email: what `employees(filter: { query })` matches. */
  @Property({ type: 'string', length: 500 })
  searchText: string & Opt = '';

  @OneToMany(() => Membership, (membership) => membership.employee)
  memberships = new Collection<Membership>(this);

  @OneToMany(() => EmployeeTag, (link) => link.employee)
  tagLinks = new Collection<EmployeeTag>(this);

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(unionId: string, displayName: string, joinedAt: string) {
    super();
    this.unionId = unionId;
    this.displayName = displayName;
    this.joinedAt = joinedAt;
  }

  get isActive(): boolean {
    return (this.status as EmployeeStatus) === EmployeeStatus.ACTIVE;
  }

  refreshSearchText(): void {
    this.searchText = [this.displayName, this.employeeNumber, this.email].filter(Boolean).join('\n').toLowerCase();
  }
}

/** An employee's place in a department; exactly one of an employee's memberships is primary. */
@Entity()
@PeopleScoped('employee', 'unionId')
@Unique({ properties: ['employee', 'department'] })
// a page of people's departments reads `corp_id = ? and employee_key in (…)`: without statistics SQLite
// would rather scan the corp's rows on the corp index than look each person up
@Index({ properties: ['corpId', 'employee'] })
export class Membership extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Employee, { ref: true, deleteRule: 'cascade' })
  employee: Ref<Employee>;

  @ManyToOne(() => Department, { ref: true, deleteRule: 'cascade', index: true })
  department: Ref<Department>;

  @Property({ type: 'boolean' })
  primary: boolean;

  constructor(employee: Ref<Employee>, department: Ref<Department>, primary: boolean) {
    super();
    this.employee = employee;
    this.department = department;
    this.primary = primary;
  }
}

/** A tag on an employee. */
@Entity()
@PeopleScoped('employee', 'unionId')
@Unique({ properties: ['employee', 'tag'] })
// as Membership's: a page of people's tags
@Index({ properties: ['corpId', 'employee'] })
export class EmployeeTag extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Employee, { ref: true, deleteRule: 'cascade' })
  employee: Ref<Employee>;

  @ManyToOne(() => Tag, { ref: true, deleteRule: 'cascade', index: true })
  tag: Ref<Tag>;

  constructor(employee: Ref<Employee>, tag: Ref<Tag>) {
    super();
    this.employee = employee;
    this.tag = tag;
  }
}
