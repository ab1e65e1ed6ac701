import { createLogger, followApprovals, outboxPollMs, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';
import { reportRoutes } from './reports/report.routes';
import { ClaimStatus, ExpenseClaim } from './claims/claim.entity';
import { syncClaim } from './claims/claim.approval';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  const logger = options.logger ?? createLogger('expenses');
  const services = createServices({ ...options, security, logger });
  const server = await startSubgraphServer({
    name: 'expenses',
    module: 'expenses',
    schema: await buildSchema(),
    services,
    createLoaders,
    routes: reportRoutes,
    ...options,
    logger,
    security,
  });
  // decisions made in the one inbox (not through approveClaim and friends) reach the claim here
  const follower = followApprovals({
    orm: options.orm,
    client: services.approvals,
    logger: logger.child({ component: 'approvals' }),
    pollMs: outboxPollMs(),
    pending: async (em) =>
      (await em.find(ExpenseClaim, { status: ClaimStatus.SUBMITTED, approvalId: { $ne: null } }, { filters: false, fields: ['corpId', 'approvalId'] })).map((claim) => ({
        corpId: claim.corpId,
        approvalId: claim.approvalId!,
      })),
    apply: async (tx, state) => {
      const claim = await tx.findOne(ExpenseClaim, { approvalId: state.id });
      if (claim) await syncClaim(tx, claim.id, state);
    },
  });
  return {
    ...server,
    stop: async () => {
      await follower.stop();
      await services.outbox.stop();
      await server.stop();
    },
  };
}
