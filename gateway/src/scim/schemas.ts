/**
 * The SCIM schemas this hub serves (RFC 7643 §4, §8.7), as `/Schemas` publishes them. The same definitions
 * decide how filters compare (caseExact), which PATCH paths exist and may be written (mutability), and what
 * `attributes`/`excludedAttributes` can name.
 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex';

export interface Attribute {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
  canonicalValues?: string[];
  referenceTypes?: string[];
}

export interface Schema {
  id: string;
  name: string;
  description: string;
  attributes: Attribute[];
  /**
   * Attributes RFC 7643 defines that this hub takes and does not keep (`name.middleName`, `addresses`, …):
   * provisioning clients (IdPs) send them, so they are no error, and a filter on them matches nothing.
   */
  notKept: string[];
}

export interface ResourceType {
  name: 'User' | 'Group';
  endpoint: string;
  description: string;
  schema: Schema;
  extensions: Schema[];
}

function attribute(name: string, type: AttributeType, description: string, options: Partial<Attribute> = {}): Attribute {
  return { name, type, multiValued: false, description, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...options };
}

/** RFC 7643 §3.1: on every resource, and in no schema's list. */
const COMMON: Attribute[] = [
  attribute('id', 'string', 'The identifier this hub gave the resource (a user: the UnionID).', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  attribute('externalId', 'string', "The provisioning client's own identifier for it.", { caseExact: true }),
  attribute('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    returned: 'always',
    subAttributes: [
      attribute('resourceType', 'string', 'User or Group.', { caseExact: true, mutability: 'readOnly' }),
      attribute('created', 'dateTime', 'When the resource was created.', { mutability: 'readOnly' }),
      attribute('lastModified', 'dateTime', 'When the resource was last changed (not kept by this hub).', { mutability: 'readOnly' }),
      attribute('location', 'reference', 'The URI of the resource.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] }),
      attribute('version', 'string', 'Not kept by this hub (no ETags).', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
];

const typeAndPrimary = (what: string) => [
  attribute('type', 'string', `The kind of ${what}; this hub keeps the work one.`, { canonicalValues: ['work'] }),
  attribute('primary', 'boolean', `Whether this is the primary ${what}.`),
];

const USER: Schema = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'An employee of the corp: a Person and an Employee in the graph.',
  attributes: [
    attribute('userName', 'string', 'The work email, unique in the corp; it signs the person in.', { required: true, uniqueness: 'server' }),
    attribute('name', 'complex', 'The name; only the formatted name is kept, as the display name.', {
      subAttributes: [
        attribute('formatted', 'string', 'The full name (the same as displayName).'),
        attribute('familyName', 'string', 'Makes the display name with givenName when none is given; not kept.', { mutability: 'writeOnly', returned: 'never' }),
        attribute('givenName', 'string', 'Makes the display name with familyName when none is given; not kept.', { mutability: 'writeOnly', returned: 'never' }),
      ],
    }),
    attribute('displayName', 'string', 'The name shown everywhere in the hub.'),
    attribute('title', 'string', 'The job title.'),
    attribute('active', 'boolean', 'false offboards the employee (history is kept); true rehires.'),
    attribute('emails', 'complex', 'One: the work email, which is the userName.', {
      multiValued: true,
      subAttributes: [attribute('value', 'string', 'The email address.'), ...typeAndPrimary('email')],
    }),
    attribute('phoneNumbers', 'complex', 'One: the work phone. Numbers of other types are taken and not kept.', {
      multiValued: true,
      subAttributes: [attribute('value', 'string', 'The phone number.'), ...typeAndPrimary('phone number')],
    }),
  ],
  notKept: [
    'nickName', 'profileUrl', 'userType', 'preferredLanguage', 'locale', 'timezone', 'password', 'addresses', 'ims', 'photos', 'groups',
    'entitlements', 'roles', 'x509Certificates', 'name.middleName', 'name.honorificPrefix', 'name.honorificSuffix', 'emails.display', 'phoneNumbers.display',
  ],
};

const ENTERPRISE_USER: Schema = {
  id: ENTERPRISE_SCHEMA,
  name: 'EnterpriseUser',
  description: 'The enterprise extension: employee number, department and manager.',
  attributes: [
    attribute('employeeNumber', 'string', 'Unique in the corp when set.', { uniqueness: 'server' }),
    attribute('department', 'string', 'The primary department: its id, or a unique department name; answered as the id.'),
    attribute('manager', 'complex', 'The direct manager.', {
      subAttributes: [
        attribute('value', 'string', "The manager's id (UnionID).", { caseExact: true }),
        attribute('$ref', 'reference', "The manager's URI.", { caseExact: true, referenceTypes: ['User'] }),
        attribute('displayName', 'string', "The manager's display name.", { mutability: 'readOnly' }),
      ],
    }),
  ],
  notKept: ['costCenter', 'organization', 'division'],
};

const GROUP: Schema = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: "A department of the corp; its members are the department's direct members.",
  attributes: [
    attribute('displayName', 'string', 'The department name.', { required: true }),
    attribute('members', 'complex', 'The direct members (users).', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', "The member's id (UnionID).", { caseExact: true, mutability: 'immutable' }),
        attribute('$ref', 'reference', "The member's URI.", { caseExact: true, mutability: 'immutable', referenceTypes: ['User'] }),
        attribute('display', 'string', "The member's display name.", { mutability: 'readOnly' }),
        attribute('type', 'string', 'Always User: departments do not contain departments here.', { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
    }),
  ],
  notKept: [],
};

export const USER_RESOURCE: ResourceType = { name: 'User', endpoint: '/Users', description: 'Employees', schema: USER, extensions: [ENTERPRISE_USER] };
export const GROUP_RESOURCE: ResourceType = { name: 'Group', endpoint: '/Groups', description: 'Departments', schema: GROUP, extensions: [] };
export const RESOURCE_TYPES = [USER_RESOURCE, GROUP_RESOURCE];
export const SCHEMAS = [USER, ENTERPRISE_USER, GROUP];

/** Where an attribute path leads: the attribute (and sub-attribute) it names, under an extension's URN or not. */
export interface AttributePath {
  /** The extension schema's URN, the key the attribute sits under; undefined in the core schema. */
  extension?: string;
  attribute: Attribute;
  sub?: Attribute;
}

const byName = (attributes: readonly Attribute[], name: string) => attributes.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
const startsWithUrn = (path: string, urn: string) => path.toLowerCase().startsWith(`${urn.toLowerCase()}:`);

/**
 * Resolves `userName`, `name.givenName`, `urn:…:User:userName` or `urn:…:enterprise:2.0:User:manager.value`
 * (any case): an AttributePath, `'notKept'` for an RFC 7643 attribute this hub does not keep, undefined for a
 * name no schema of the resource has. `within` resolves a sub-attribute of a value filter (`emails[type eq …]`).
 */
export function resolvePath(type: ResourceType, path: string, within?: Attribute): AttributePath | 'notKept' | undefined {
  if (within) {
    const sub = byName(within.subAttributes ?? [], path);
    if (sub) return { attribute: sub };
    const notKept = [...type.schema.notKept, ...type.extensions.flatMap((extension) => extension.notKept)];
    return notKept.some((name) => name.toLowerCase() === `${within.name}.${path}`.toLowerCase()) ? 'notKept' : undefined;
  }
  const extension = type.extensions.find((candidate) => startsWithUrn(path, candidate.id));
  const schema = extension ?? type.schema;
  const local = extension ? path.slice(extension.id.length + 1) : startsWithUrn(path, type.schema.id) ? path.slice(type.schema.id.length + 1) : path;
  const [name, subName, ...rest] = local.split('.');
  if (rest.length) return undefined;
  const top = byName(extension ? schema.attributes : [...COMMON, ...schema.attributes], name);
  if (top && subName === undefined) return { extension: extension?.id, attribute: top };
  const sub = top && byName(top.subAttributes ?? [], subName);
  if (top && sub) return { extension: extension?.id, attribute: top, sub };
  return schema.notKept.some((kept) => kept.toLowerCase() === local.toLowerCase() || kept.toLowerCase() === name.toLowerCase()) ? 'notKept' : undefined;
}

/** An extension's URN given as a whole (`urn:…:enterprise:2.0:User`), as PATCH values and `attributes` may. */
export function extensionNamed(type: ResourceType, name: string): Schema | undefined {
  return type.extensions.find((extension) => extension.id.toLowerCase() === name.toLowerCase());
}

const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const MAX_RESULTS = 500;

/** `/Schemas` entries (RFC 7643 §7): the attributes each schema has here, common attributes left out as the RFC does. */
export function schemaResource(schema: Schema, base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}

/** `/ResourceTypes` entries (RFC 7643 §6). */
export function resourceTypeResource(type: ResourceType, base: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.id,
    schemaExtensions: type.extensions.map((extension) => ({ schema: extension.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.name}` },
  };
}

/** What this hub supports (RFC 7643 §5), and nothing it does not. */
export function serviceProviderConfig(base: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: "A corp admin's Corphub token", primary: true }],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}
