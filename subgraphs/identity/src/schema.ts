import { buildFederatedSchema } from '@corphub/module-kit';
import { CorpResolver } from './corps/corp.resolver';
import { PersonResolver } from './people/person.resolver';
import { AppResolver, InstallationResolver } from './apps/app.resolver';
import { OpenIdResolver, PersonOpenIdResolver } from './open-ids/open-id.resolver';
import { ViewerResolver, viewerOf } from './viewer/viewer.resolver';
import { AppIntegrationResolver } from './apps/app-integration.resolver';
import { WebhookDeliveryResolver } from './webhooks/webhook.resolver';
import { ModuleSubgraphResolver } from './registry/registry.resolver';
import { AdminRoleResolver, PersonAdminRoleResolver } from './admin-roles/admin-role.resolver';
import { AuditResolver } from './audit/audit.resolver';
import type { IdentityContext } from './context';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [ViewerResolver, CorpResolver, PersonResolver, AppResolver, InstallationResolver, OpenIdResolver, PersonOpenIdResolver, AppIntegrationResolver, WebhookDeliveryResolver, ModuleSubgraphResolver, AdminRoleResolver, PersonAdminRoleResolver, AuditResolver],
    references: {
      Person: (ref: { unionId: string }, { loaders }: IdentityContext) => loaders.personByUnionId.load(ref.unionId),
      Corp: (ref: { id: string }, { loaders }: IdentityContext) => loaders.corpById.load(ref.id),
      App: (ref: { appId: string }, { loaders }: IdentityContext) => loaders.appById.load(ref.appId),
      // only ever the caller: another subgraph's `me` fields come back to the same request
      Viewer: (ref: { subject: string }, { auth }: IdentityContext) => (ref.subject === auth.subject ? viewerOf(auth) : null),
    },
  });
}
