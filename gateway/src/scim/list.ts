import { badRequest } from './scim-error';
import { MAX_RESULTS } from './schemas';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface Paging {
  startIndex: number;
  count: number;
}

/**
 * `startIndex` (1-based; less than 1 is 1) and `count` (at most MAX_RESULTS; negative is 0, and 0 asks for
 * totalResults only), RFC 7644 §3.4.2.4. Read from the query (GET) or a SearchRequest body (POST .search).
 */
export function pagingOf(parameters: Record<string, unknown>): Paging {
  const number = (name: string, fallback: number) => {
    const raw = parameters[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw badRequest(`${name} must be an integer`);
    return value;
  };
  return { startIndex: Math.max(1, number('startIndex', 1)), count: Math.min(MAX_RESULTS, Math.max(0, number('count', 100))) };
}

export function listResponse<T>(resources: T[], totalResults: number, { startIndex }: Paging) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** One page of resources already filtered in memory. */
export function pageOf<T>(matching: T[], paging: Paging): T[] {
  return matching.slice(paging.startIndex - 1, paging.startIndex - 1 + paging.count);
}
