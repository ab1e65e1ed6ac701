import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { Connection, errors, PageArgs, paginate, Role, type AuthContext, type Page } from '@corphub/module-kit';
import { App } from '../apps/app.entity';
import { ModuleSubgraph } from './module-subgraph.entity';
import { SubgraphVersion } from './subgraph-version.entity';
import { PublishedSupergraph } from './published-supergraph.entity';
import { CheckSubgraphInput, PublishSubgraphInput } from './registry.inputs';
import { SchemaChangeType, SubgraphCheck } from './registry.types';
import type { IdentityContext } from '../context';

@ObjectType()
export class ModuleSubgraphConnection extends Connection(ModuleSubgraph) {}

@ObjectType()
export class SubgraphVersionConnection extends Connection(SubgraphVersion) {}

@ObjectType({ description: 'An accepted publish: the check, the stored version and the supergraph it wrote.' })
export class PublishedSubgraph {
  @Field(() => SubgraphCheck)
  check!: SubgraphCheck;

  @Field(() => ModuleSubgraph)
  subgraph!: ModuleSubgraph;

  @Field(() => SubgraphVersion)
  version!: SubgraphVersion;

  @Field(() => PublishedSupergraph, { nullable: true, description: 'The supergraph gateways now load (null when nothing changed).' })
  supergraph!: PublishedSupergraph | null;
}

@ObjectType({ description: 'A retired module: its subgraph (with `retiredAt`), the supergraph written without it and what clients lost.' })
export class RetiredSubgraph {
  @Field(() => ModuleSubgraph)
  subgraph!: ModuleSubgraph;

  @Field(() => PublishedSupergraph, { nullable: true, description: 'The supergraph gateways now load, without the module (null when it was already retired: nothing changed).' })
  supergraph!: PublishedSupergraph | null;

  @Field(() => [SchemaChangeType], { description: "The module's fields and types clients no longer see, against the supergraph served before (empty when nothing changed)." })
  changes!: SchemaChangeType[];

  @Field(() => String, { description: 'The same as a text table (what `npm run retire-subgraph` prints).' })
  table!: string;
}

/** Who reads the registry: platform admins, vendors (their own), and corp admins and analysts choosing modules. */
const REGISTRY_READERS = [Role.PLATFORM, Role.VENDOR, Role.ADMIN, Role.ANALYST];

/**
 * A vendor app sees only its own module's subgraph; everyone else who reads the registry sees every module, as
 * the catalogue (`apps`) shows every app: a corp admin weighs a module's versions and checks before installing it.
 */
function visibleTo(auth: AuthContext): FilterQuery<ModuleSubgraph> {
  return auth.role === Role.VENDOR ? { app: auth.appId ?? '' } : {};
}

@Resolver(() => ModuleSubgraph)
export class ModuleSubgraphResolver {
  @Authorized(...REGISTRY_READERS)
  @Query(() => ModuleSubgraphConnection, { description: "Modules' subgraphs in the registry (platform admins, corp admins and analysts: all; a vendor: its own)." })
  async moduleSubgraphs(@Args(() => PageArgs) page: PageArgs, @Ctx() { em, auth }: IdentityContext): Promise<Page<ModuleSubgraph>> {
    return paginate(em, ModuleSubgraph, visibleTo(auth), page, [['name', 'asc']]);
  }

  @Authorized(...REGISTRY_READERS)
  @Query(() => ModuleSubgraph, { nullable: true, description: "One module's subgraph by name (a vendor: only its own)." })
  async moduleSubgraph(@Arg('name', () => String) name: string, @Ctx() { em, auth }: IdentityContext): Promise<ModuleSubgraph | null> {
    return em.findOne(ModuleSubgraph, { $and: [{ name }, visibleTo(auth)] });
  }

  @Authorized(...REGISTRY_READERS)
  @Query(() => SubgraphVersionConnection, { description: "A module subgraph's accepted versions, newest first." })
  async subgraphVersions(
    @Arg('name', () => String) name: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, auth }: IdentityContext,
  ): Promise<Page<SubgraphVersion>> {
    const subgraph = await em.findOne(ModuleSubgraph, { $and: [{ name }, visibleTo(auth)] });
    if (!subgraph) throw errors.NOT_FOUND(`Subgraph "${name}" not found`);
    return paginate(em, SubgraphVersion, { subgraph: subgraph.id }, page, [['version', 'desc']]);
  }

  @Authorized(Role.PLATFORM, Role.SERVICE)
  @Query(() => PublishedSupergraph, { nullable: true, description: 'The latest supergraph the registry wrote (gateways poll it); null before any publish.' })
  async registrySupergraph(@Ctx() { em, services }: IdentityContext): Promise<PublishedSupergraph | null> {
    return services.registry.latestSupergraph(em);
  }

  @FieldResolver(() => App)
  async app(@Root() subgraph: ModuleSubgraph, @Ctx() { loaders }: IdentityContext): Promise<App | null> {
    return loaders.appById.load(subgraph.app.appId);
  }

  @FieldResolver(() => SubgraphVersion, { nullable: true, description: 'The latest accepted version: the one gateways serve, unless the subgraph is retired (`retiredAt`).' })
  async latestVersion(@Root() subgraph: ModuleSubgraph, @Ctx() { loaders }: IdentityContext): Promise<SubgraphVersion | null> {
    return loaders.subgraphVersionByKey.load(`${subgraph.id}:${subgraph.currentVersion}`);
  }

  @Authorized(Role.PLATFORM, Role.VENDOR)
  @Mutation(() => SubgraphCheck, {
    description:
      'Composes a candidate subgraph with the current supergraph and reports composition errors and breaking changes against it. Changes nothing.',
  })
  async checkSubgraph(@Arg('input', () => CheckSubgraphInput) input: CheckSubgraphInput, @Ctx() { em, auth, services }: IdentityContext): Promise<SubgraphCheck> {
    return new SubgraphCheck(await services.registry.check(em, auth, input));
  }

  @Authorized(Role.PLATFORM, Role.VENDOR)
  @Mutation(() => PublishedSubgraph, {
    description:
      'Checks, then stores a new version and writes the next supergraph, which gateways load without a restart. Refused with SCHEMA_CHECK_FAILED on composition errors or breaking changes (a platform admin may force the latter). Publishing a retired subgraph (its own app only) revives it.',
  })
  async publishSubgraph(
    @Arg('input', () => PublishSubgraphInput) input: PublishSubgraphInput,
    @Ctx() { em, auth, services }: IdentityContext,
  ): Promise<PublishedSubgraph> {
    const outcome = await services.registry.publish(em, auth, input);
    return { check: new SubgraphCheck(outcome.report), subgraph: outcome.subgraph, version: outcome.version, supergraph: outcome.supergraph };
  }

  @Authorized(Role.PLATFORM, Role.VENDOR)
  @Mutation(() => RetiredSubgraph, {
    description:
      "Takes a module out of the graph: writes the next supergraph without it, which gateways load without a restart, and sets its `retiredAt`. Platform admins: any module; a vendor: its own app's (FORBIDDEN otherwise). Refused with NOT_FOUND for an unknown name, SCHEMA_CHECK_FAILED when the other modules do not compose without it. Retiring a retired module changes nothing (safe to retry). The name stays the app's: publishing it again revives it as a new version.",
  })
  async retireSubgraph(@Arg('name', () => String) name: string, @Ctx() { em, auth, services }: IdentityContext): Promise<RetiredSubgraph> {
    return services.registry.retire(em, auth, name);
  }
}
