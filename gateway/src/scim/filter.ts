import { parse, type Compare, type Filter } from 'scim2-parse-filter';
import { badRequest } from './scim-error';
import { resolvePath, type Attribute, type AttributePath, type ResourceType } from './schemas';
import type { Resource } from './patch';

/**
 * SCIM filters (RFC 7644 §3.4.2.2): and, or, not, parentheses, eq ne co sw ew pr gt ge lt le, and value
 * paths (`emails[type eq "work" and value co "@acme"]`). scim2-parse-filter parses; the comparison is ours,
 * because it follows each attribute's schema (SCIMMY's and that package's matchers compare every string
 * case-sensitively, so `userName eq "Ann@Acme.example"` would miss `ann@acme.example`).
 */
export type { Filter };

/**
 * Parses and checks a filter against the resource's schemas (`within`: a value filter of that multi-valued
 * attribute, as in a PATCH path); anything wrong is 400 `invalidFilter`.
 */
export function parseFilter(text: unknown, type: ResourceType, within?: Attribute): Filter {
  if (typeof text !== 'string' || !text.trim()) throw badRequest('filter must be a non-empty string', 'invalidFilter');
  // no attribute holds one, and PostgreSQL refuses it in text
  if (text.includes('\0')) throw badRequest('A filter cannot contain a NUL character', 'invalidFilter');
  let filter: Filter;
  try {
    filter = parse(text);
  } catch (error) {
    throw badRequest(`Filter "${text}" does not parse: ${(error as Error).message}`, 'invalidFilter');
  }
  check(filter, type, within, text);
  return filter;
}

type CompValue = Compare['compValue'];

const ORDERING = new Set(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set(['co', 'sw', 'ew']);

/** The leaf a comparison reads: a complex attribute without a sub-attribute stands for its `value` (RFC 7644 §3.4.2.2). */
function leafOf(path: AttributePath): Attribute | undefined {
  if (path.sub) return path.sub;
  if (path.attribute.type !== 'complex') return path.attribute;
  return path.attribute.subAttributes?.find((sub) => sub.name === 'value');
}

function check(filter: Filter, type: ResourceType, within: Attribute | undefined, text: string): void {
  const refuse = (why: string) => badRequest(`Filter "${text}": ${why}`, 'invalidFilter');
  switch (filter.op) {
    case 'and':
    case 'or':
      filter.filters.forEach((part) => check(part, type, within, text));
      return;
    case 'not':
      check(filter.filter, type, within, text);
      return;
    case '[]': {
      if (within) throw refuse('a value filter cannot be nested in another');
      const path = resolvePath(type, filter.attrPath);
      if (path === undefined) throw refuse(`no attribute "${filter.attrPath}"`);
      if (path === 'notKept') return;
      if (path.sub || path.attribute.type !== 'complex') throw refuse(`"${filter.attrPath}" has no values to filter`);
      check(filter.valFilter, type, path.attribute, text);
      return;
    }
    default: {
      const path = resolvePath(type, filter.attrPath, within);
      if (path === undefined) throw refuse(`no attribute "${filter.attrPath}"`);
      if (path === 'notKept' || filter.op === 'pr') return;
      const leaf = leafOf(path);
      if (!leaf) throw refuse(`"${filter.attrPath}" is complex: name one of its sub-attributes`);
      const value = filter.compValue;
      if (leaf.type === 'boolean' && (ORDERING.has(filter.op) || SUBSTRING.has(filter.op))) throw refuse(`${filter.op} cannot compare the boolean "${filter.attrPath}"`);
      if (value === null && filter.op !== 'eq' && filter.op !== 'ne') throw refuse(`${filter.op} needs a value`);
      if (leaf.type === 'boolean' && value !== null && typeof value !== 'boolean' && !/^(true|false)$/i.test(String(value))) throw refuse(`"${filter.attrPath}" is true or false`);
      if (leaf.type === 'dateTime' && value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) throw refuse(`"${filter.attrPath}" compares with a date-time string`);
      if ((leaf.type === 'string' || leaf.type === 'reference') && value !== null && typeof value !== 'string') throw refuse(`"${filter.attrPath}" compares with a string`);
    }
  }
}

/** Whether a resource (as this hub answers it) matches a filter checked by parseFilter. */
export function matches(resource: Resource, filter: Filter, type: ResourceType, within?: Attribute): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((part) => matches(resource, part, type, within));
    case 'or':
      return filter.filters.some((part) => matches(resource, part, type, within));
    case 'not':
      return !matches(resource, filter.filter, type, within);
    case '[]': {
      const path = resolvePath(type, filter.attrPath);
      if (path === undefined || path === 'notKept') return false;
      return valuesAt(resource, path, false).some((element) => typeof element === 'object' && element !== null && matches(element as Resource, filter.valFilter, type, path.attribute));
    }
    default: {
      const path = resolvePath(type, filter.attrPath, within);
      if (path === undefined || path === 'notKept') return filter.op === 'ne';
      const values = valuesAt(resource, path, true);
      if (filter.op === 'pr') return values.some(isPresent);
      const leaf = leafOf(path)!;
      const expected = filter.compValue;
      const equal = values.some((actual) => compare(actual, expected, leaf) === 0);
      if (filter.op === 'eq') return expected === null ? !values.some(isPresent) : equal;
      if (filter.op === 'ne') return expected === null ? values.some(isPresent) : !equal;
      return values.some((actual) => test(filter.op, actual, expected, leaf));
    }
  }
}

/** Every value the path reads in a resource (a multi-valued attribute gives one per element). */
function valuesAt(resource: Resource, path: AttributePath, leaves: boolean): unknown[] {
  const holder = path.extension ? ownValue(resource, path.extension) : resource;
  const top = typeof holder === 'object' && holder !== null ? ownValue(holder as Resource, path.attribute.name) : undefined;
  const items = (Array.isArray(top) ? top : [top]).filter((item) => item !== undefined && item !== null);
  const subName = path.sub?.name ?? (leaves && path.attribute.type === 'complex' ? 'value' : undefined);
  if (!subName) return items;
  return items.map((item) => (typeof item === 'object' ? ownValue(item as Resource, subName) : undefined)).filter((item) => item !== undefined && item !== null);
}

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function ownValue(holder: Resource, name: string): unknown {
  const key = Object.keys(holder).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : holder[key];
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isPresent);
  return true;
}

/** Negative, zero or positive as for sorting; NaN when the two cannot be compared. */
function compare(actual: unknown, expected: CompValue, leaf: Attribute): number {
  if (expected === null) return NaN;
  switch (leaf.type) {
    case 'boolean':
      return String(actual).toLowerCase() === String(expected).toLowerCase() ? 0 : NaN;
    case 'dateTime':
      return Date.parse(String(actual)) - Date.parse(String(expected));
    case 'integer':
    case 'decimal':
      return Number(actual) - Number(expected);
    default: {
      const [a, b] = leaf.caseExact ? [String(actual), String(expected)] : [String(actual).toLowerCase(), String(expected).toLowerCase()];
      return a < b ? -1 : a > b ? 1 : 0;
    }
  }
}

function test(op: string, actual: unknown, expected: CompValue, leaf: Attribute): boolean {
  if (SUBSTRING.has(op)) {
    const [a, b] = leaf.caseExact ? [String(actual), String(expected)] : [String(actual).toLowerCase(), String(expected).toLowerCase()];
    return op === 'co' ? a.includes(b) : op === 'sw' ? a.startsWith(b) : a.endsWith(b);
  }
  const order = compare(actual, expected, leaf);
  if (Number.isNaN(order)) return false;
  return op === 'gt' ? order > 0 : op === 'ge' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
}

/**
 * The value a filter's top-level `and` chain requires of one attribute (`userName eq "…" and active eq true`
 * → the userName), so that a list can ask the graph for those rows only, then filter them fully.
 */
export function requiredValue(filter: Filter, type: ResourceType, names: readonly string[]): string | undefined {
  if (filter.op === 'and') {
    for (const part of filter.filters) {
      const value = requiredValue(part, type, names);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (filter.op !== 'eq' || typeof filter.compValue !== 'string') return undefined;
  const path = resolvePath(type, filter.attrPath);
  if (path === undefined || path === 'notKept' || path.extension) return undefined;
  const name = path.sub ? `${path.attribute.name}.${path.sub.name}` : path.attribute.name;
  return names.includes(name) ? filter.compValue : undefined;
}

/** Whether a filter reads an attribute (a group filter on `members` needs the members loaded). */
export function reads(filter: Filter, type: ResourceType, name: string): boolean {
  switch (filter.op) {
    case 'and':
    case 'or':
      return filter.filters.some((part) => reads(part, type, name));
    case 'not':
      return reads(filter.filter, type, name);
    default: {
      const path = resolvePath(type, filter.attrPath);
      return path !== undefined && path !== 'notKept' && path.attribute.name === name;
    }
  }
}
