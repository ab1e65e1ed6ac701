import { isDeepStrictEqual } from 'node:util';
import { badRequest } from './scim-error';
import { matches, ownValue, parseFilter, type Filter } from './filter';
import { extensionNamed, resolvePath, type Attribute, type AttributePath, type ResourceType } from './schemas';

/** A SCIM resource as JSON: attributes, with extension attributes under their schema URN. */
export type Resource = Record<string, unknown>;

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Op = 'add' | 'replace' | 'remove';

/** A PATCH path (RFC 7644 §3.5.2): `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, any of them under a schema URN. */
interface Target extends AttributePath {
  filter?: Filter;
}

export function assertSchema(body: unknown, schema: string): asserts body is Resource {
  if (!body || typeof body !== 'object' || !Array.isArray((body as Resource).schemas) || !((body as Resource).schemas as unknown[]).includes(schema)) {
    throw badRequest(`schemas must include "${schema}"`, 'invalidSyntax');
  }
}

function parseTarget(type: ResourceType, path: string): Target | 'notKept' {
  const open = path.indexOf('[');
  if (open === -1) {
    const resolved = resolvePath(type, path);
    if (resolved === undefined) throw badRequest(`No attribute "${path}"`, 'invalidPath');
    return resolved;
  }
  const close = path.lastIndexOf(']');
  const rest = path.slice(close + 1);
  if (close < open || (rest && !/^\.[A-Za-z$][\w$-]*$/.test(rest))) throw badRequest(`Path "${path}" is malformed`, 'invalidPath');
  const resolved = resolvePath(type, path.slice(0, open));
  if (resolved === undefined) throw badRequest(`No attribute "${path.slice(0, open)}"`, 'invalidPath');
  if (resolved === 'notKept') return resolved;
  if (resolved.sub || !resolved.attribute.multiValued) throw badRequest(`"${path.slice(0, open)}" is not multi-valued: it takes no value filter`, 'invalidPath');
  const filter = parseFilter(path.slice(open + 1, close), type, resolved.attribute);
  const sub = rest ? resolvePath(type, rest.slice(1), resolved.attribute) : undefined;
  if (sub === undefined && rest) throw badRequest(`"${resolved.attribute.name}" has no sub-attribute "${rest.slice(1)}"`, 'invalidPath');
  if (sub === 'notKept') return sub;
  return { ...resolved, filter, sub: sub?.attribute };
}

/**
 * Applies a PatchOp message (RFC 7644 §3.5.2) to a copy of a resource: add, replace and remove, with a path or
 * (add, replace) with an object of attributes, op names in any case (Entra sends "Replace"). Paths to
 * attributes this hub does not keep are taken and change nothing; a path no schema has is `invalidPath`, one
 * that would change a read-only attribute is `mutability`.
 */
export function applyPatch(resource: Resource, body: unknown, type: ResourceType): Resource {
  assertSchema(body, PATCH_SCHEMA);
  const operations = ownValue(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) throw badRequest('Operations must be a non-empty array', 'invalidSyntax');
  const result: Resource = structuredClone(resource);
  for (const operation of operations as unknown[]) {
    if (!operation || typeof operation !== 'object') throw badRequest('Each operation must be an object', 'invalidSyntax');
    const given = ownValue(operation as Resource, 'op');
    const op = typeof given === 'string' ? given.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw badRequest(`Unsupported op ${JSON.stringify(given)}`, 'invalidSyntax');
    const rawPath = ownValue(operation as Resource, 'path');
    const value = ownValue(operation as Resource, 'value');
    const path = typeof rawPath === 'string' && rawPath.trim() ? rawPath.trim() : undefined;
    if (path) {
      if (op !== 'remove' && value === undefined) throw badRequest(`${op} of "${path}" needs a value`, 'invalidSyntax');
      const target = parseTarget(type, path);
      if (target !== 'notKept') apply(result, type, target, op, value);
      continue;
    }
    if (op === 'remove') throw badRequest('remove needs a path', 'noTarget');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${op} without a path needs an object value`, 'invalidSyntax');
    // each key is a path of its own: Entra sends `name.givenName` and URN-qualified keys here
    for (const [key, attributeValue] of Object.entries(value as Resource)) {
      if (key.toLowerCase() === 'schemas') continue;
      const extension = extensionNamed(type, key);
      const entries = extension && attributeValue && typeof attributeValue === 'object' ? Object.entries(attributeValue).map(([name, v]) => [`${extension.id}:${name}`, v] as const) : [[key, attributeValue] as const];
      for (const [entryPath, entryValue] of entries) {
        const target = parseTarget(type, entryPath);
        if (target !== 'notKept') apply(result, type, target, op, entryValue);
      }
    }
  }
  return result;
}

function apply(resource: Resource, type: ResourceType, target: Target, op: Op, value: unknown): void {
  const holder = target.extension ? ((resource[target.extension] ??= {}) as Resource) : resource;
  const name = target.attribute.name;
  const current = ownValue(holder, name);
  const readOnly = target.attribute.mutability === 'readOnly' || target.sub?.mutability === 'readOnly';
  // Okta repeats the id in a replace of the display name: restating a read-only value changes nothing
  if (readOnly) {
    if (!target.sub && !target.filter && op !== 'remove' && isDeepStrictEqual(current, value)) return;
    throw badRequest(`"${name}${target.sub ? `.${target.sub.name}` : ''}" is read-only`, 'mutability');
  }
  setOwn(holder, name, change(current, type, target, op, value));
}

/** The attribute's new value (undefined: removed). */
function change(current: unknown, type: ResourceType, target: Target, op: Op, value: unknown): unknown {
  const { attribute, sub, filter } = target;
  if (!attribute.multiValued) {
    if (sub) {
      const object = { ...(isObject(current) ? current : {}) };
      if (op === 'remove') delete object[sub.name];
      else object[sub.name] = value;
      return object;
    }
    if (op === 'remove') return undefined;
    // a complex attribute takes the sub-attributes given and keeps the others (RFC 7644 §3.5.2.1, §3.5.2.3)
    return attribute.type === 'complex' ? { ...(isObject(current) ? current : {}), ...complexValue(value, attribute) } : value;
  }
  const elements = (Array.isArray(current) ? (current as unknown[]) : []).map((element) => (isObject(element) ? { ...element } : element));
  if (!filter && !sub) {
    if (op === 'remove') {
      // Entra removes group members with `"path": "members", "value": [{ "value": "…" }]`
      if (value === undefined) return undefined;
      const removed = listValue(value, attribute);
      return elements.filter((element) => !removed.some((gone) => sameElement(element, gone)));
    }
    const given = listValue(value, attribute);
    const result = op === 'replace' ? given : [...elements, ...given.filter((item) => !elements.some((element) => sameElement(element, item)))];
    return onePrimary(result);
  }
  const selected = filter ? elements.filter((element) => isObject(element) && matches(element, filter, type, attribute)) : elements;
  if (op === 'remove') {
    if (!sub) return elements.filter((element) => !selected.includes(element));
    for (const element of selected) delete (element as Resource)[sub.name];
    return elements;
  }
  if (!selected.length) {
    // nothing matches: Entra adds (and replaces) `phoneNumbers[type eq "mobile"].value` for a value not set
    // before, so the element the filter describes is created; a filter that describes none has no target
    const described = filter ? describedBy(filter, attribute) : {};
    if (!described) throw badRequest('The value filter matches no value, and describes none to create', 'noTarget');
    return onePrimary([...elements, { ...described, ...(sub ? { [sub.name]: value } : complexValue(value, attribute)) }]);
  }
  for (const element of selected as Resource[]) {
    if (sub) element[sub.name] = value;
    else if (op === 'replace') replaceContents(element, complexValue(value, attribute));
    else Object.assign(element, complexValue(value, attribute));
  }
  return onePrimary(elements);
}

/** `type eq "mobile"` or `type eq "mobile" and primary eq true`: the element such a filter describes. */
function describedBy(filter: Filter, attribute: Attribute): Resource | undefined {
  if (filter.op === 'and') {
    const parts = filter.filters.map((part) => describedBy(part, attribute));
    return parts.every(Boolean) ? (Object.assign({}, ...parts) as Resource) : undefined;
  }
  if (filter.op !== 'eq') return undefined;
  const sub = attribute.subAttributes?.find((candidate) => candidate.name.toLowerCase() === filter.attrPath.toLowerCase());
  return sub ? { [sub.name]: filter.compValue } : undefined;
}

/** A complex attribute's value; a bare value (Entra's manager: `"value": "un_…"`) is its `value` sub-attribute. */
function complexValue(value: unknown, attribute: Attribute): Resource {
  if (isObject(value)) return value;
  if (attribute.subAttributes?.some((sub) => sub.name === 'value')) return { value };
  throw badRequest(`"${attribute.name}" takes an object`, 'invalidValue');
}

function listValue(value: unknown, attribute: Attribute): unknown[] {
  const list = Array.isArray(value) ? value : [value];
  return attribute.type === 'complex' ? list.map((item) => complexValue(item, attribute)) : list;
}

/** Elements of a multi-valued attribute are the same when their `value`s are (any case for emails). */
function sameElement(a: unknown, b: unknown): boolean {
  const folded = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value));
  if (isObject(a) && isObject(b) && a.value !== undefined) return folded(a.value) === folded(b.value);
  return isDeepStrictEqual(a, b);
}

/** RFC 7643 §2.4: one primary value at most; the one just set wins. */
function onePrimary(elements: unknown[]): unknown[] {
  const primaries = elements.filter((element) => isObject(element) && element.primary === true);
  for (const element of primaries.slice(0, -1)) (element as Resource).primary = false;
  return elements;
}

function replaceContents(element: Resource, value: Resource): void {
  for (const key of Object.keys(element)) delete element[key];
  Object.assign(element, value);
}

function setOwn(holder: Resource, name: string, value: unknown): void {
  for (const key of Object.keys(holder)) if (key.toLowerCase() === name.toLowerCase()) delete holder[key];
  if (value !== undefined) holder[name] = value;
}

const isObject = (value: unknown): value is Resource => typeof value === 'object' && value !== null && !Array.isArray(value);
