import { Field, ID, InputType } from 'type-graphql';
import { IsEnum, IsOptional, Length } from 'class-validator';
import { AdminRoleKind } from '@corphub/module-kit';

@InputType({ description: 'An admin role to give a person of the corp (replacing the one they have).' })
export class GrantAdminRoleInput {
  @Field(() => ID)
  @Length(1, 40)
  unionId!: string;

  @Field(() => AdminRoleKind)
  @IsEnum(AdminRoleKind)
  role!: AdminRoleKind;

  @Field(() => ID, { nullable: true, description: 'DEPARTMENT_ADMIN only, and required there: the department (its subtree included).' })
  @IsOptional()
  @Length(1, 64)
  departmentId?: string;
}
