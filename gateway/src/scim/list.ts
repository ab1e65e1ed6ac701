import { parse, type Filter } from 'scim2-parse-filter';
import { badRequest } from './scim-error';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const MAX_COUNT = 500;

export interface Paging {
  startIndex: number;
  count: number;
}

/** `startIndex` (1-based) and `count` (at most MAX_COUNT; 0 asks for totalResults only). */
export function pagingOf(query: Record<string, unknown>): Paging {
  const number = (name: string, fallback: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw badRequest(`${name} must be an integer`);
    return value;
  };
  return { startIndex: Math.max(1, number('startIndex', 1)), count: Math.min(MAX_COUNT, Math.max(0, number('count', 100))) };
}

/**
 * The filters this hub answers: `<attribute> eq "<value>"` on the given attributes (any case). Anything
 * else, or a filter that does not parse, is SCIM's `invalidFilter`.
 */
export function equalityFilter(filter: unknown, attributes: readonly string[]): { attribute: string; value: string } | undefined {
  if (filter === undefined || filter === '') return undefined;
  if (typeof filter !== 'string') throw badRequest('filter must be a string', 'invalidFilter');
  let parsed: Filter;
  try {
    parsed = parse(filter);
  } catch (error) {
    throw badRequest(`Filter "${filter}" does not parse: ${(error as Error).message}`, 'invalidFilter');
  }
  const attribute = 'attrPath' in parsed ? attributes.find((name) => name.toLowerCase() === parsed.attrPath.toLowerCase()) : undefined;
  if (parsed.op !== 'eq' || !attribute || typeof (parsed as { compValue?: unknown }).compValue !== 'string') {
    throw badRequest(`Unsupported filter "${filter}": this hub filters with ${attributes.map((name) => `${name} eq "..."`).join(' or ')}`, 'invalidFilter');
  }
  return { attribute, value: (parsed as { compValue: string }).compValue };
}

export function listResponse<T>(resources: T[], totalResults: number, { startIndex }: Paging) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
