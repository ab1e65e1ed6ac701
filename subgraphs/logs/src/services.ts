import { hubSecret, MessageOutbox, ModuleGraph, readSecurityConfig, type CreateServerOptions, type Logger } from '@corphub/module-kit';
import { LogsGraph } from './graph';
import { WorkLogNotifier } from './work-logs/work-log.notify';

/** Per-process services, built once per server and handed to every request's context. */
export interface LogsServices {
  /** The directory and media, read through the gateway as `service:logs`. */
  graph: LogsGraph;
  /** Tells a new log's readers in their feed, through the module-message outbox. */
  notifier: WorkLogNotifier;
}

export function createServices(options: CreateServerOptions & { logger: Logger }): LogsServices {
  const internalSecret = hubSecret(options.security ?? readSecurityConfig(undefined, 'subgraph'));
  return {
    graph: new LogsGraph(ModuleGraph.clientFor('logs', options, internalSecret)),
    notifier: new WorkLogNotifier(MessageOutbox.forModule('logs', { ...options, internalSecret })),
  };
}
