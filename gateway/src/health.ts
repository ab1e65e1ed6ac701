export type Status = 'ok' | 'down';

export interface SubgraphHealth {
  status: Status;
  url: string;
  latencyMs?: number;
  reason?: string;
}

export interface HubHealth {
  status: 'ok' | 'degraded';
  subgraphs: Record<string, SubgraphHealth>;
}

const HEALTH_TIMEOUT_MS = 2000;

/** A subgraph's /health sits beside its /graphql. */
function healthUrl(graphqlUrl: string): string {
  return new URL('/health', graphqlUrl).toString();
}

export async function checkSubgraphs(subgraphUrls: Record<string, string>): Promise<HubHealth> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]): Promise<[string, SubgraphHealth]> => {
      const started = Date.now();
      try {
        const response = await fetch(healthUrl(url), { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
        const latencyMs = Date.now() - started;
        return [name, response.ok ? { status: 'ok', url, latencyMs } : { status: 'down', url, latencyMs, reason: `HTTP ${response.status}` }];
      } catch (error) {
        return [name, { status: 'down', url, reason: (error as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable' }];
      }
    }),
  );
  const subgraphs: Record<string, SubgraphHealth> = Object.fromEntries(entries);
  const allOk = entries.length > 0 && entries.every(([, health]) => health.status === 'ok');
  return { status: allOk ? 'ok' : 'degraded', subgraphs };
}

/** What anyone may know: up or not, without subgraph names, URLs or reasons. */
export function publicHealth(health: HubHealth): Pick<HubHealth, 'status'> {
  return { status: health.status };
}
