import { createLogger, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';
import { summaryRoutes } from './summaries/summary.routes';
import { calendarRoutes } from './calendars/calendar.routes';
import { followAttendanceApprovals } from './approval-follower';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('attendance');
  const services = createServices(options);
  const routes: typeof summaryRoutes = (router, kit) => {
    summaryRoutes(router, kit);
    calendarRoutes(router, kit);
  };
  const server = await startSubgraphServer({ ...options, logger, name: 'attendance', module: 'attendance', schema: await buildSchema(), services, createLoaders, routes });
  // leave and make-up requests follow their approvals' outcomes
  const follower = followAttendanceApprovals(options.orm, services, logger);
  return { ...server, stop: () => follower.stop().then(() => server.stop()) };
}
