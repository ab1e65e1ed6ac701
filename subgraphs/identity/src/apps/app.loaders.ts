import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, type AuthContext } from '@corphub/module-kit';
import { App } from './app.entity';
import { AppIntegration } from './app-integration.entity';
import { Installation } from './installation.entity';
import type { IdentityServices } from '../services';

export function appLoaders(em: EntityManager, _auth: AuthContext, _services: IdentityServices) {
  return {
    appById: entityLoader(em, App, 'appId'),
    integrationByAppId: entityLoader(em, AppIntegration, 'appId'),
    installationByAppId: entityLoader(em, Installation, 'app', (installation) => installation.app.appId),
  };
}
