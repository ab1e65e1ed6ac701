import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, errors, PageArgs, paginate, Role, transactionalIdempotent, type Page } from '@corphub/shared';
import { App } from './app.entity';
import { Installation, InstallationStatus } from './installation.entity';
import { RegisterAppInput, RegisteredApp } from './app.inputs';
import { hashSecret, newAppId, newAppSecret } from '../ids';
import { issueOpenIdsForApp } from '../open-ids/open-id.issuer';
import { recordWebhookEvent } from '../webhooks/webhook.outbox';
import { applyIntegration } from './app-integration';
import type { IdentityContext } from '../context';

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
      const app = new App(appId, input.name, input.vendor, secretHash, input.description);
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

  @FieldResolver(() => App)
  async app(@Root() installation: Installation, @Ctx() { loaders }: IdentityContext): Promise<App | null> {
    return loaders.appById.load(installation.app.appId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Installation, {
    description: "Installs an app in the caller's corp and issues its openIds. Installing an installed app changes nothing (safe to retry).",
  })
  async installApp(@Arg('appId', () => ID) appId: string, @Ctx() { em }: IdentityContext): Promise<Installation> {
    return transactionalIdempotent(em, async (tx) => {
      const app = await tx.findOne(App, { appId });
      if (!app) throw errors.NOT_FOUND(`App "${appId}" not found`);
      let installation = await tx.findOne(Installation, { app: appId });
      if (installation?.isInstalled) return installation;
      if (installation) {
        installation.status = InstallationStatus.INSTALLED;
        installation.installedAt = new Date();
        installation.uninstalledAt = undefined;
      } else {
        installation = new Installation(tx.getReference(App, appId, { wrapped: true }));
        tx.persist(installation);
      }
      await tx.flush();
      await issueOpenIdsForApp(tx, app);
      await recordWebhookEvent(tx, 'app.installed', { appId });
      return installation;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Installation, { description: "Uninstalls an app from the caller's corp; its openIds stay reserved for a reinstall." })
  async uninstallApp(@Arg('appId', () => ID) appId: string, @Ctx() { em }: IdentityContext): Promise<Installation> {
    return em.transactional(async (tx) => {
      const installation = await tx.findOne(Installation, { app: appId });
      if (!installation?.isInstalled) throw errors.NOT_FOUND(`App "${appId}" is not installed in this corp`);
      installation.status = InstallationStatus.UNINSTALLED;
      installation.uninstalledAt = new Date();
      await tx.flush();
      // the app hears of its own uninstall; the other apps of the corp hear of it too
      await recordWebhookEvent(tx, 'app.uninstalled', { appId }, { alsoTo: [appId] });
      return installation;
    });
  }
}
