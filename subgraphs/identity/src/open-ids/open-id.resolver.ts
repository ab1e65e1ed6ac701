import { Arg, Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { errors, Role } from '@corphub/module-kit';
import { Person } from '../people/person.entity';
import { App } from '../apps/app.entity';
import type { IdentityContext } from '../context';
import { openIdKey } from './open-id.loaders';

@Resolver()
export class OpenIdResolver {
  @Authorized(Role.ADMIN, Role.PLATFORM)
  @Query(() => String, { description: 'The openId under which an installed app sees a person of your corp.' })
  async openId(@Arg('appId', () => ID) appId: string, @Arg('unionId', () => ID) unionId: string, @Ctx() { loaders }: IdentityContext): Promise<string> {
    const installation = await loaders.installationByAppId.load(appId);
    if (!installation?.isInstalled) throw errors.NOT_FOUND(`App "${appId}" is not installed in this corp`);
    const mapping = await loaders.openIdByAppAndUnionId.load(openIdKey(appId, unionId));
    if (!mapping) throw errors.NOT_FOUND(`Person "${unionId}" not found`);
    return mapping.openId;
  }

  @Authorized(Role.VENDOR)
  @Query(() => Person, {
    nullable: true,
    description: "For a vendor app: the person behind one of its own openIds, in a corp that installed it.",
  })
  async personByOpenId(@Arg('openId', () => String) openId: string, @Ctx() { auth, loaders }: IdentityContext): Promise<Person | null> {
    if (!auth.appId) throw errors.FORBIDDEN('A vendor token must name its app (app_id claim)');
    const installation = await loaders.installationByAppId.load(auth.appId);
    if (!installation?.isInstalled) throw errors.FORBIDDEN(`App "${auth.appId}" is not installed in corp "${auth.corpId}"`);
    const mapping = await loaders.openIdById.load(openId);
    // another app's openId is as unknown as a made-up one
    if (!mapping || mapping.app.appId !== auth.appId) throw errors.NOT_FOUND(`openId "${openId}" not found for app "${auth.appId}"`);
    return loaders.personByUnionId.load(mapping.person.unionId);
  }
}

@ObjectType({ description: 'How one installed app sees a person: its openId for them.' })
export class PersonOpenId {
  @Field(() => App)
  app!: App;

  @Field(() => String)
  openId!: string;
}

@Resolver(() => Person)
export class PersonOpenIdResolver {
  // openIds are how vendors know people: only a corp admin may line them up against unionIds
  @Authorized(Role.ADMIN, Role.PLATFORM)
  @FieldResolver(() => [PersonOpenId], { nullable: true, description: "Corp admins: this person's openId in each app installed in the corp, by app id." })
  async openIds(@Root() person: Person, @Ctx() { loaders }: IdentityContext): Promise<PersonOpenId[]> {
    const mappings = await loaders.openIdsByUnionId.load(person.unionId);
    const installations = await Promise.all(mappings.map((mapping) => loaders.installationByAppId.load(mapping.app.appId)));
    const installed = mappings.filter((_, index) => installations[index]?.isInstalled);
    const apps = await Promise.all(installed.map((mapping) => loaders.appById.load(mapping.app.appId)));
    return installed.flatMap((mapping, index) => (apps[index] ? [{ app: apps[index], openId: mapping.openId }] : []));
  }
}
