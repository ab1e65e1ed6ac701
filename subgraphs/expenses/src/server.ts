import { createLogger, gatewayUrlOf, MessagesClient, ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { ExpensesGraph } from './graph';
import { createLogger, gatewayUrlOf, MessagesClient, ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
}
