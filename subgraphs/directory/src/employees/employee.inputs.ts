import { ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { NotBlank } from '@corphub/module-kit';
import { LocalDateResolver } from 'graphql-scalars';
import { EmployeeStatus } from './employee.entity';

export const UNION_ID = /^[A-Za-z0-9_-]{1,40}$/;
const UNION_ID_MESSAGE = 'must be a UnionID (letters, digits, dashes, underscores; at most 40)';
const PHONE = /^\+?[0-9][0-9 ()-]{2,30}$/;
const PHONE_MESSAGE = 'phone must be digits, spaces, dashes or parentheses, optionally starting with +';
const MAX_DEPARTMENTS = 20;

@InputType({ description: 'A new employee. The person must exist in identity first (`addPerson`): pass their unionId.' })
export class HireEmployeeInput {
  @Field(() => ID, { description: 'The UnionID identity gave the person (addPerson).' })
  @Matches(UNION_ID, { message: `unionId ${UNION_ID_MESSAGE}` })
  unionId!: string;

  @Field(() => String)
  @Length(1, 100)
  @NotBlank()
  displayName!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 64)
  employeeNumber?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First working day; today (UTC) when omitted.' })
  @IsOptional()
  joinedAt?: string;

  @Field(() => [ID], { nullable: true, description: 'The departments the employee belongs to.' })
  @IsOptional()
  @ArrayMaxSize(MAX_DEPARTMENTS)
  departmentIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Which of `departmentIds` is primary; the first one when omitted.' })
  @IsOptional()
  primaryDepartmentId?: string;

  @Field(() => ID, { nullable: true, description: "The manager's unionId." })
  @IsOptional()
  @Matches(UNION_ID, { message: `managerUnionId ${UNION_ID_MESSAGE}` })
  managerUnionId?: string;

  @Field(() => [String], { nullable: true, description: 'Names of existing tags to put on the employee.' })
  @IsOptional()
  @ArrayMaxSize(50)
  tags?: string[];

  @Field(() => String, { nullable: true, description: "The identity provider's id for this person (SCIM externalId)." })
  @IsOptional()
  @Length(1, 200)
  externalId?: string;
}

@InputType({ description: 'Fields to change; an omitted field stays, an explicit null clears an optional one.' })
export class UpdateEmployeeInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 64)
  employeeNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: "The manager's unionId; null for nobody." })
  @IsOptional()
  @Matches(UNION_ID, { message: `managerUnionId ${UNION_ID_MESSAGE}` })
  managerUnionId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  externalId?: string | null;
}

@InputType({ description: "An employee's new departments (replacing the old ones) and, optionally, new manager." })
export class TransferEmployeeInput {
  @Field(() => [ID])
  @ArrayMaxSize(MAX_DEPARTMENTS)
  departmentIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Which of `departmentIds` is primary; the first one when omitted.' })
  @IsOptional()
  primaryDepartmentId?: string;

  @Field(() => ID, { nullable: true, description: "The new manager's unionId; omitted keeps the manager, null clears it." })
  @IsOptional()
  @Matches(UNION_ID, { message: `managerUnionId ${UNION_ID_MESSAGE}` })
  managerUnionId?: string | null;
}

@InputType({ description: 'Search: every given condition must hold.' })
export class EmployeeFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, employee number or email, any case.' })
  @IsOptional()
  @Length(1, 100)
  query?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  departmentId?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'With departmentId: also the departments below it.' })
  @IsOptional()
  @IsBoolean()
  includeSubdepartments?: boolean;

  @Field(() => String, { nullable: true, description: 'A tag name.' })
  @IsOptional()
  @Length(1, 64)
  tag?: string;

  @Field(() => EmployeeStatus, { nullable: true, description: 'ACTIVE when omitted; LEFT is for admins (and other non-employee roles).' })
  @IsOptional()
  @IsEnum(EmployeeStatus)
  status?: EmployeeStatus;

  @Field(() => String, { nullable: true, description: 'Exactly this email, any case.' })
  @IsOptional()
  @Length(1, 254)
  email?: string;

  @Field(() => String, { nullable: true, description: 'Exactly this job title (a role, as approval steps name one).' })
  @IsOptional()
  @Length(1, 100)
  title?: string;
}

@ArgsType()
export class OffboardArgs {
  @Field(() => ID)
  @Matches(UNION_ID, { message: `unionId ${UNION_ID_MESSAGE}` })
  unionId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last working day; today (UTC) when omitted.' })
  @IsOptional()
  leftAt?: string;
}

@ArgsType()
export class RehireArgs {
  @Field(() => ID)
  @Matches(UNION_ID, { message: `unionId ${UNION_ID_MESSAGE}` })
  unionId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'First working day of the new period; today (UTC) when omitted.' })
  @IsOptional()
  joinedAt?: string;
}
