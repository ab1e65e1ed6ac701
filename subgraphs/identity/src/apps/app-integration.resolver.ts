import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { errors, isAppToken, Role, type AuthContext } from '@corphub/module-kit';
import { App } from './app.entity';
import { UpdateAppInput, UpdatedApp } from './app-integration.inputs';
import { applyIntegration } from './app-integration.service';
import type { IdentityContext } from '../context';

/** The platform, and the app itself (its client-credentials token, not a person's sign-in), manage an app's integration. */
function managesApp(auth: AuthContext, appId: string): boolean {
  return auth.role === Role.PLATFORM || isAppToken(auth, appId);
}

@Resolver(() => App)
export class AppIntegrationResolver {
  @FieldResolver(() => [String], { description: 'Registered login redirect URIs (platform and the app itself; empty for others).' })
  async redirectUris(@Root() app: App, @Ctx() { auth, loaders }: IdentityContext): Promise<string[]> {
    if (!managesApp(auth, app.appId)) return [];
    return (await loaders.integrationByAppId.load(app.appId))?.redirectUris ?? [];
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where webhooks go (platform and the app itself; null for others).' })
  async webhookUrl(@Root() app: App, @Ctx() { auth, loaders }: IdentityContext): Promise<string | null> {
    if (!managesApp(auth, app.appId)) return null;
    return (await loaders.integrationByAppId.load(app.appId))?.webhookUrl ?? null;
  }

  @Authorized(Role.PLATFORM, Role.VENDOR)
  @Mutation(() => UpdatedApp, {
    description: "Changes an app's name, description, login redirect URIs or webhook URL (platform admins, or the app's own vendor token). A webhook signing secret issued now is returned once.",
  })
  async updateApp(@Arg('appId', () => ID) appId: string, @Arg('input', () => UpdateAppInput) input: UpdateAppInput, @Ctx() { auth, em }: IdentityContext): Promise<UpdatedApp> {
    if (!managesApp(auth, appId)) {
      throw errors.FORBIDDEN(auth.unionId ? "A person's sign-in token cannot change the app: use the app's client-credentials token" : `A vendor token may change only its own app ("${auth.appId}")`);
    }
    return em.transactional(async (tx) => {
      const app = await tx.findOne(App, { appId });
      if (!app) throw errors.NOT_FOUND(`App "${appId}" not found`);
      if (input.name !== undefined) app.name = input.name;
      if (input.description !== undefined) app.description = input.description;
      const webhookSecret = await applyIntegration(tx, appId, input);
      return { app, webhookSecret };
    });
  }
}
