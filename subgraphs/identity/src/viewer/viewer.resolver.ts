import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { errors, Role, type AuthContext } from '@corphub/module-kit';
import { Corp } from '../corps/corp.entity';
import { Person } from '../people/person.entity';
import type { IdentityContext } from '../context';

registerEnumType(Role, { name: 'Role', description: 'What a caller token lets its bearer do.' });

/**
 * Keyed on the token's subject so that other subgraphs add fields to `me` (approvals: `pendingApprovals`);
 * each answers for the caller of its own verified context, never for the subject it is handed.
 */
@ObjectType({ description: 'Who is calling: the verified facts of the token, and the person behind it.' })
@Directive('@key(fields: "subject")')
export class Viewer {
  @Field(() => String)
  subject!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The UnionID of the person calling, when the token is a person’s.' })
  unionId?: string;

  @Field(() => ID, { nullable: true, description: 'The app calling, for vendor tokens.' })
  appId?: string;

  @Field(() => ID, { nullable: true, description: 'Department admins: the department whose subtree they administer.' })
  department?: string;

  corpId!: string;
}

export function viewerOf({ subject, role, unionId, appId, corpId, department }: AuthContext): Viewer {
  return { subject, role, unionId, appId, corpId, department };
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'The caller.' })
  me(@Ctx() { auth }: IdentityContext): Viewer {
    return viewerOf(auth);
  }

  @FieldResolver(() => Corp)
  async corp(@Root() viewer: Viewer, @Ctx() { loaders }: IdentityContext): Promise<Corp> {
    const corp = await loaders.corpById.load(viewer.corpId);
    if (!corp) throw errors.NOT_FOUND(`Corp "${viewer.corpId}" not found`);
    return corp;
  }

  @FieldResolver(() => Person, { nullable: true, description: "The caller's own person record, when the token is a person’s." })
  async person(@Root() viewer: Viewer, @Ctx() { loaders }: IdentityContext): Promise<Person | null> {
    return viewer.unionId ? loaders.personByUnionId.load(viewer.unionId) : null;
  }
}
