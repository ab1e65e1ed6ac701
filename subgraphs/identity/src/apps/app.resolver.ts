import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, errors, PageArgs, paginate, Role, transactionalIdempotent, type Page } from '@corphub/module-kit';
import { App } from './app.entity';
import { Installation, InstallationStatus, type AppScopeData } from './installation.entity';
import { AppScope, AppScopeInput, CallerAccess, RegisterAppInput, RegisteredApp } from './app.inputs';
import { Person } from '../people/person.entity';
import { hashSecret, newAppId, newAppSecret } from '../ids';
import { issueOpenIdsForApp } from '../open-ids/open-id.issuer';
import { recordWebhookEvent } from '../webhooks/webhook.outbox';
import { revokedGrants } from '../oauth/oauth.service';
import { FIRST_PARTY_CLIENTS } from '../oauth/first-party';
import { applyIntegration } from './app-integration.service';
import { recordAudit } from '../audit/audit.record';
import type { IdentityContext } from '../context';
import type { EntityManager } from '@mikro-orm/core';

@ObjectType()
export class AppConnection extends Connection(App) {}

@ObjectType()
export class InstallationConnection extends Connection(Installation) {}

@Resolver(() => App)
export class AppResolver {
  @Query(() => AppConnection, { description: 'Every app registered on the hub (the module catalogue).' })
  async apps(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: IdentityContext): Promise<Page<App>> {
    return paginate(em, App, {}, page, [['createdAt', 'asc'], ['appId', 'asc']]);
  }

  @FieldResolver(() => Installation, { nullable: true, description: "This app's installation in the caller's corp, if any." })
  async installation(@Root() app: App, @Ctx() { loaders }: IdentityContext): Promise<Installation | null> {
    return loaders.installationByAppId.load(app.appId);
  }

  @Authorized(Role.PLATFORM)
  @Mutation(() => RegisteredApp, { description: "Registers a vendor's app (platform admins only). The secret is shown once." })
  async registerApp(@Arg('input', () => RegisterAppInput) input: RegisterAppInput, @Ctx() { em }: IdentityContext): Promise<RegisteredApp> {
    const secret = newAppSecret();
    const secretHash = await hashSecret(secret);
    return em.transactional(async (tx) => {
      const appId = input.appId ?? newAppId();
      if (await tx.findOne(App, { appId })) throw errors.CONFLICT(`App "${appId}" already exists`);
      if (input.subgraph && (await tx.findOne(App, { subgraph: input.subgraph }))) throw errors.CONFLICT(`Subgraph "${input.subgraph}" already belongs to another app`);
      const app = new App(appId, input.name, input.vendor, secretHash, input.description, input.subgraph);
      tx.persist(app);
      const webhookSecret = await applyIntegration(tx, appId, input);
      return { app, secret, webhookSecret };
    });
  }
}

@Resolver(() => Installation)
export class InstallationResolver {
  @Query(() => InstallationConnection, { description: "The apps installed (and uninstalled) in the caller's corp." })
  async installations(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: IdentityContext): Promise<Page<Installation>> {
    return paginate(em, Installation, {}, page, [['installedAt', 'asc'], ['id', 'asc']]);
  }

  @FieldResolver(() => AppScope, { description: 'Whom the app’s tokens may see.' })
  scope(@Root() installation: Installation): AppScope {
    return toAppScope(installation.scope);
  }

  @Authorized(Role.SERVICE)
  @Query(() => CallerAccess, {
    description: "For the gateway (service tokens): the corp's installed module subgraphs and, with appId, that app's installation and scope.",
  })
  async callerAccess(@Arg('appId', () => ID, { nullable: true }) appId: string | undefined, @Ctx() { em }: IdentityContext): Promise<CallerAccess> {
    const installed = await em.find(Installation, { status: InstallationStatus.INSTALLED }, { populate: ['app'], strategy: 'joined' });
    const modules = installed.flatMap((installation) => (installation.app.getEntity().subgraph ? [installation.app.getEntity().subgraph!] : []));
    const app = appId ? installed.find((installation) => installation.app.appId === appId) : undefined;
    return {
      modules: modules.sort(),
      appInstalled: Boolean(app),
      scope: app ? toAppScope(app.scope) : null,
      // a person's own token (no app) may come from a first-party sign-in: those grants' revocations count for it
      revokedGrants: await revokedGrants(em, appId ?? Object.keys(FIRST_PARTY_CLIENTS)),
    };
  }

  @FieldResolver(() => App)
  async app(@Root() installation: Installation, @Ctx() { loaders }: IdentityContext): Promise<App | null> {
    return loaders.appById.load(installation.app.appId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Installation, {
    description: "Installs an app in the caller's corp and issues its openIds. Installing an installed app changes nothing (safe to retry).",
  })
  async installApp(
    @Arg('appId', () => ID) appId: string,
    @Arg('scope', () => AppScopeInput, { nullable: true, description: 'Whom the app may see; default: the whole corp.' }) scope: AppScopeInput | undefined,
    @Ctx() { em, auth }: IdentityContext,
  ): Promise<Installation> {
    return transactionalIdempotent(em, async (tx) => {
      const app = await tx.findOne(App, { appId });
      if (!app) throw errors.NOT_FOUND(`App "${appId}" not found`);
      const scopeData = scope ? await checkedScope(tx, scope) : null;
      let installation = await tx.findOne(Installation, { app: appId });
      if (installation?.isInstalled) return installation;
      if (installation) {
        installation.scope = scopeData;
        installation.status = InstallationStatus.INSTALLED;
        installation.installedAt = new Date();
        installation.uninstalledAt = undefined;
      } else {
        installation = new Installation(tx.getReference(App, appId, { wrapped: true }));
        installation.scope = scopeData;
        tx.persist(installation);
      }
      await tx.flush();
      await issueOpenIdsForApp(tx, app);
      await recordWebhookEvent(tx, 'app.installed', { appId });
      recordAudit(tx, auth, 'app.installed', { target: appId, details: { scope: scopeData ?? 'wholeCorp' } });
      return installation;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Installation, { description: "Uninstalls an app from the caller's corp; its openIds stay reserved for a reinstall." })
  async uninstallApp(@Arg('appId', () => ID) appId: string, @Ctx() { em, auth }: IdentityContext): Promise<Installation> {
    return em.transactional(async (tx) => {
      const installation = await tx.findOne(Installation, { app: appId });
      if (!installation?.isInstalled) throw errors.NOT_FOUND(`App "${appId}" is not installed in this corp`);
      installation.status = InstallationStatus.UNINSTALLED;
      installation.uninstalledAt = new Date();
      await tx.flush();
      // the app hears of its own uninstall; the other apps of the corp hear of it too
      await recordWebhookEvent(tx, 'app.uninstalled', { appId }, { alsoTo: [appId] });
      recordAudit(tx, auth, 'app.uninstalled', { target: appId });
      return installation;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Installation, { description: "Changes whom an installed app's tokens may see (departments with their sub-departments, tags, named people, or the whole corp)." })
  async updateInstallationScope(
    @Arg('appId', () => ID) appId: string,
    @Arg('scope', () => AppScopeInput) scope: AppScopeInput,
    @Ctx() { em, auth }: IdentityContext,
  ): Promise<Installation> {
    return em.transactional(async (tx) => {
      const scopeData = await checkedScope(tx, scope);
      const installation = await tx.findOne(Installation, { app: appId });
      if (!installation?.isInstalled) throw errors.NOT_FOUND(`App "${appId}" is not installed in this corp`);
      installation.scope = scopeData;
      await tx.flush();
      // whom the app may see changed: it (and the corp's other apps) re-read what they keep
      await recordWebhookEvent(tx, 'installation.scope_changed', { appId });
      recordAudit(tx, auth, 'installation.scope_changed', { target: appId, details: { scope: scopeData ?? 'wholeCorp' } });
      return installation;
    });
  }
}

const unique = (values: string[] | undefined) => [...new Set(values ?? [])].sort();

/** Input → stored scope (null: the whole corp). Named people must be the corp's; departments and tags are the directory's and match whatever they hold. */
async function checkedScope(em: EntityManager, input: AppScopeInput): Promise<AppScopeData | null> {
  const scope: AppScopeData = { departmentIds: unique(input.departmentIds), tags: unique(input.tags), unionIds: unique(input.unionIds) };
  const lists = scope.departmentIds.length + scope.tags.length + scope.unionIds.length;
  if (input.wholeCorp) {
    if (lists) throw errors.BAD_USER_INPUT('A wholeCorp scope names no departments, tags or people');
    return null;
  }
  if (!lists) throw errors.BAD_USER_INPUT('A scope names at least one department, tag or person, or is wholeCorp: true');
  if (scope.unionIds.length) {
    const found = await em.find(Person, { unionId: { $in: scope.unionIds } }, { fields: ['unionId'] });
    const known = new Set(found.map((person) => person.unionId));
    const unknown = scope.unionIds.filter((unionId) => !known.has(unionId));
    if (unknown.length) throw errors.BAD_USER_INPUT(`Not people of this corp: ${unknown.slice(0, 5).join(', ')}`, { unionIds: unknown.slice(0, 20) });
  }
  return scope;
}

function toAppScope(scope: AppScopeData | null | undefined): AppScope {
  return scope ? { wholeCorp: false, ...scope } : { wholeCorp: true, departmentIds: [], tags: [], unionIds: [] };
}
