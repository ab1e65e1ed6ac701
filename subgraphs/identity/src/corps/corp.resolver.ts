import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { errors, Role } from '@corphub/module-kit';
import { Corp } from './corp.entity';
import { CreateCorpInput } from './corp.inputs';
import type { IdentityContext } from '../context';

@Resolver(() => Corp)
export class CorpResolver {
  @Query(() => Corp, { description: "The caller's corp." })
  async corp(@Ctx() { auth, loaders }: IdentityContext): Promise<Corp> {
    const corp = await loaders.corpById.load(auth.corpId);
    if (!corp) throw errors.NOT_FOUND(`Corp "${auth.corpId}" not found`);
    return corp;
  }

  @Authorized(Role.PLATFORM)
  @Mutation(() => Corp, { description: 'Creates a corp (platform admins only).' })
  async createCorp(@Arg('input', () => CreateCorpInput) input: CreateCorpInput, @Ctx() { em }: IdentityContext): Promise<Corp> {
    return em.transactional(async (tx) => {
      // corps are outside the caller's tenant scope: look across all of them for a clash
      const existing = await tx.findOne(Corp, { id: input.id }, { filters: false });
      if (existing) throw errors.CONFLICT(`Corp "${input.id}" already exists`);
      const corp = new Corp(input.id, input.name, input.timezone ?? 'UTC');
      tx.persist(corp);
      return corp;
    });
  }
}
