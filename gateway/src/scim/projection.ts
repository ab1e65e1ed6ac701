import { badRequest } from './scim-error';
import { extensionNamed, resolvePath, type AttributePath, type ResourceType } from './schemas';
import type { Resource } from './patch';

/** What `attributes` or `excludedAttributes` (RFC 7644 §3.4.2.5) name: attribute paths, or a whole extension. */
type Named = AttributePath | { extension: string; attribute?: undefined; sub?: undefined };

export interface Projection {
  /** Only these (besides what is always returned); takes precedence over `excluded`. */
  only?: Named[];
  excluded: Named[];
}

/** Always in an answer, whatever `attributes` or `excludedAttributes` say. */
const ALWAYS = ['schemas', 'id', 'meta'];

function namesIn(value: unknown, parameter: string, type: ResourceType): Named[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${parameter} must be a comma-separated list of attribute names`, 'invalidValue');
  const named: Named[] = [];
  for (const name of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const extension = extensionNamed(type, name);
    const path = extension ? { extension: extension.id } : resolvePath(type, name);
    if (path === undefined) throw badRequest(`${parameter}: no attribute "${name}"`, 'invalidValue');
    if (path !== 'notKept') named.push(path);
  }
  return named;
}

/** The projection a request asks for: in its query (GET) or its body (POST .search). */
export function projectionOf(parameters: Record<string, unknown>, type: ResourceType): Projection {
  return { only: namesIn(parameters.attributes, 'attributes', type), excluded: namesIn(parameters.excludedAttributes, 'excludedAttributes', type) ?? [] };
}

/** Whether an answer will show a top-level attribute (groups skip loading members no one asked for). */
export function shows(projection: Projection, attribute: string): boolean {
  if (projection.only) return projection.only.some((named) => named.attribute?.name === attribute);
  return !projection.excluded.some((named) => named.attribute?.name === attribute && !named.sub);
}

export function project(resource: Resource, projection: Projection): Resource {
  if (projection.only) {
    const result: Resource = {};
    for (const key of ALWAYS) if (resource[key] !== undefined) result[key] = resource[key];
    for (const named of projection.only) copy(resource, result, named);
    return result;
  }
  const result = structuredClone(resource);
  for (const named of projection.excluded) remove(result, named);
  return result;
}

function copy(from: Resource, to: Resource, named: Named): void {
  const source = (named.extension ? from[named.extension] : from) as Resource | undefined;
  if (!source) return;
  if (!named.attribute) {
    to[named.extension] = source;
    return;
  }
  const target = named.extension ? ((to[named.extension] ??= {}) as Resource) : to;
  const name = named.attribute.name;
  const value = source[name];
  if (value === undefined) return;
  if (!named.sub) {
    target[name] = value;
    return;
  }
  const sub = named.sub.name;
  // `emails.value` and `emails.type` asked together fill the same elements
  if (Array.isArray(value)) {
    const elements = (Array.isArray(target[name]) ? target[name] : value.map(() => ({}))) as Resource[];
    value.forEach((element: Resource, index) => {
      if (element?.[sub] !== undefined) elements[index][sub] = element[sub];
    });
    target[name] = elements;
  } else if ((value as Resource)[sub] !== undefined) {
    target[name] = { ...(target[name] as Resource | undefined), [sub]: (value as Resource)[sub] };
  }
}

function remove(resource: Resource, named: Named): void {
  if (!named.attribute) {
    delete resource[named.extension];
    return;
  }
  if (named.attribute.returned === 'always') return;
  const holder = (named.extension ? resource[named.extension] : resource) as Resource | undefined;
  if (!holder) return;
  const name = named.attribute.name;
  if (!named.sub) {
    delete holder[name];
    return;
  }
  for (const element of [holder[name]].flat()) if (element && typeof element === 'object') delete (element as Resource)[named.sub.name];
}
