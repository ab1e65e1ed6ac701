import { badRequest } from './scim-error';

/** A SCIM resource as JSON: attributes, with extension attributes under their schema URN. */
export type Resource = Record<string, unknown>;

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * `emails[type eq "work"].value` → `emails`, `value`: multi-valued simple attributes (emails, phoneNumbers)
 * are one value each here, so a filtered path addresses that one value.
 */
const VALUE_PATH = /^([A-Za-z][\w]*)\[[^\]]+\](?:\.(\w+))?$/;

/** Splits a path into the object that holds the attribute and its name; extension paths start with their URN. */
function target(resource: Resource, path: string, extensions: string[]): [holder: Resource, attribute: string] {
  const extension = extensions.find((urn) => path.toLowerCase().startsWith(`${urn.toLowerCase()}:`));
  if (extension) {
    resource[extension] ??= {};
    return target(resource[extension] as Resource, path.slice(extension.length + 1), []);
  }
  const valuePath = VALUE_PATH.exec(path);
  if (valuePath) {
    const key = findKey(resource, valuePath[1]);
    if (!Array.isArray(resource[key]) || resource[key].length === 0) resource[key] = [{}];
    return [(resource[key] as Resource[])[0], valuePath[2] ?? 'value'];
  }
  const [head, ...rest] = path.split('.');
  if (!/^[A-Za-z][\w$-]*$/.test(head) || rest.length > 1) throw badRequest(`Unsupported path "${path}"`, 'invalidPath');
  if (rest.length === 1) {
    const key = findKey(resource, head);
    if (resource[key] === undefined || resource[key] === null) resource[key] = {};
    if (Array.isArray(resource[key])) {
      if (resource[key].length === 0) resource[key] = [{}];
      return [(resource[key] as Resource[])[0], rest[0]];
    }
    if (typeof resource[key] !== 'object') throw badRequest(`"${head}" has no sub-attribute "${rest[0]}"`, 'invalidPath');
    return [resource[key] as Resource, rest[0]];
  }
  return [resource, head];
}

/** SCIM attribute names are case-insensitive. */
function findKey(holder: Resource, attribute: string): string {
  return Object.keys(holder).find((key) => key.toLowerCase() === attribute.toLowerCase()) ?? attribute;
}

/**
 * Applies PATCH operations (add / replace / remove, RFC 7644 §3.5.2) to a copy of a resource. Multi-valued
 * complex attributes (members) are handled by the caller's `multiValued` hook.
 */
export function applyPatch(
  resource: Resource,
  operations: unknown,
  extensions: string[],
  multiValued: (resource: Resource, op: 'add' | 'replace' | 'remove', path: string, value: unknown) => boolean = () => false,
): Resource {
  if (!Array.isArray(operations) || operations.length === 0) throw badRequest('Operations must be a non-empty array', 'invalidSyntax');
  const result: Resource = structuredClone(resource);
  for (const operation of operations as PatchOperation[]) {
    const op = typeof operation?.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw badRequest(`Unsupported op "${String(operation?.op)}"`, 'invalidSyntax');
    const path = typeof operation.path === 'string' && operation.path.trim() ? operation.path.trim() : undefined;
    if (path && multiValued(result, op, path, operation.value)) continue;
    if (op === 'remove') {
      if (!path) throw badRequest('remove needs a path', 'noTarget');
      const [holder, attribute] = target(result, path, extensions);
      holder[findKey(holder, attribute)] = null;
      continue;
    }
    if (!path) {
      if (typeof operation.value !== 'object' || operation.value === null || Array.isArray(operation.value)) throw badRequest(`${op} without a path needs an object value`, 'invalidSyntax');
      for (const [attribute, value] of Object.entries(operation.value as Resource)) {
        if (multiValued(result, op, attribute, value)) continue;
        const [holder, key] = target(result, attribute, extensions);
        holder[findKey(holder, key)] = mergeValue(holder[findKey(holder, key)], value);
      }
      continue;
    }
    const [holder, attribute] = target(result, path, extensions);
    holder[findKey(holder, attribute)] = op === 'add' ? mergeValue(holder[findKey(holder, attribute)], operation.value) : operation.value;
  }
  return result;
}

/** `add` of an object merges into the object there (RFC 7644 §3.5.2.1); anything else replaces. */
function mergeValue(current: unknown, value: unknown): unknown {
  if (current && typeof current === 'object' && !Array.isArray(current) && value && typeof value === 'object' && !Array.isArray(value)) {
    return { ...current, ...value };
  }
  return value;
}
