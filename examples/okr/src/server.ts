import { createLogger, followApprovals, outboxPollMs, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';
import { Objective, ObjectiveStatus } from './objectives/objective.entity';
import { applyPublishOutcome } from './objectives/objective.publish';
import { webhooksRoute } from './objectives/objective.webhooks';

/** Never reads env: main.ts, the tests and the hub's tools hand it everything. */
export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('okr');
  const services = createServices(options);
  // `name`: the audience of the contexts it accepts; `module`: the app a corp installs. Both are the name it is published under
  const server = await startSubgraphServer({
    name: 'okr',
    module: 'okr',
    schema: await buildSchema(),
    services,
    createLoaders,
    routes: webhooksRoute({ orm: options.orm, services, logger, secret: options.webhookSecret }),
    ...options,
    logger,
  });
  // without a webhook URL (no signing secret) the outcomes of its publish requests are polled for instead
  const follower =
    options.appSecret && !options.webhookSecret
      ? followApprovals({
          orm: options.orm,
          client: services.approvals,
          logger: logger.child({ component: 'approvals' }),
          pollMs: outboxPollMs(),
          pending: async (em) =>
            (await em.find(Objective, { status: ObjectiveStatus.PUBLISH_PENDING, approvalId: { $ne: null } }, { filters: false, fields: ['corpId', 'approvalId'] })).map((row) => ({
              corpId: row.corpId,
              approvalId: row.approvalId!,
            })),
          apply: applyPublishOutcome,
        })
      : undefined;
  return {
    ...server,
    stop: async () => {
      await follower?.stop();
      await server.stop();
    },
  };
}
