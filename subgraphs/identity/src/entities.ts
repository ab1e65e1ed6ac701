import { Corp } from './corps/corp.entity';
import { Person } from './people/person.entity';
import { App } from './apps/app.entity';
import { Installation } from './apps/installation.entity';
import { OpenId } from './open-ids/open-id.entity';
import { AppIntegration } from './apps/app-integration.entity';
import { AuthorizationCode } from './oauth/authorization-code.entity';
import { RefreshToken } from './oauth/refresh-token.entity';
import { WebhookDelivery, WebhookEvent } from './webhooks/webhook.entity';
import { ModuleSubgraph } from './registry/module-subgraph.entity';
import { SubgraphVersion } from './registry/subgraph-version.entity';
import { PublishedSupergraph } from './registry/published-supergraph.entity';
import { AdminRoleAssignment } from './admin-roles/admin-role.entity';
import { AuditEntry } from './audit/audit-entry.entity';

export const entities = [Corp, Person, App, Installation, OpenId, AppIntegration, AuthorizationCode, RefreshToken, WebhookEvent, WebhookDelivery, ModuleSubgraph, SubgraphVersion, PublishedSupergraph, AdminRoleAssignment, AuditEntry];
