import { ApprovalsClient, GatewayClient, gatewayUrlOf, hubSecret, readSecurityConfig, type CreateServerOptions } from '@corphub/module-kit';
import { createGraph, type AttendanceGraph } from './graph';

/** Per-process services, built once per server and handed to every request's context. */
export interface AttendanceServices {
  /** The directory and media, read through the gateway as `service:attendance`. */
  graph: AttendanceGraph;
  /** The hub's approvals service, asked in the name of the `attendance` app (leave, make-up check-ins). */
  approvals: ApprovalsClient;
}

export function createServices(options: CreateServerOptions): AttendanceServices {
  const secret = hubSecret(options.security ?? readSecurityConfig(undefined, 'subgraph'));
  return {
    graph: createGraph(options, secret),
    approvals: new ApprovalsClient(new GatewayClient({ service: 'attendance', appId: 'attendance', gatewayUrl: gatewayUrlOf(options), internalSecret: secret })),
  };
}
