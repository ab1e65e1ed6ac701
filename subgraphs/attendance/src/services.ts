import { hubSecret, readSecurityConfig, type CreateServerOptions } from '@corphub/module-kit';
import { createGraph, type AttendanceGraph } from './graph';

/** Per-process services, built once per server and handed to every request's context. */
export interface AttendanceServices {
  /** The directory and media, read through the gateway as `service:attendance`. */
  graph: AttendanceGraph;
}

export function createServices(options: CreateServerOptions): AttendanceServices {
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  return { graph: createGraph(options, hubSecret(security)) };
}
