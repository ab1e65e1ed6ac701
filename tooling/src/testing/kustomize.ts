/**
 * A renderer for the subset of kustomize that deploy/kubernetes uses, so that CI can render and check the
 * manifests without a kubectl binary. `kubectl apply -k` (kustomize v5) is the real path; this one refuses any
 * kustomization field it does not implement, and tooling/test/kubernetes.test.ts compares its output with
 * `kubectl kustomize` wherever a kubectl is installed.
 *
 * Implemented: resources (files and folders), namespace, images, replicas, patches (JSON 6902, inline or by
 * path, targeted by kind and name), configMapGenerator and secretGenerator (files, envs, literals; with the
 * content-hash name suffix and the references to them in pod templates renamed, as kustomize does).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface Generator {
  name: string;
  type?: string;
  files?: string[];
  envs?: string[];
  literals?: string[];
}

interface Patch {
  target?: { kind?: string; name?: string };
  patch?: string;
  path?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: Patch[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
}

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'patches', 'configMapGenerator', 'secretGenerator']);
const SUPPORTED_GENERATOR_FIELDS = new Set(['name', 'type', 'files', 'envs', 'literals']);
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Kinds `replicas:` applies to, as in kustomize. */
const SCALABLE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);
/** Kinds whose spec.template is a pod template (references to generated names are renamed there). */
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

export class KustomizeError extends Error {}

/** Renders the kustomization in `dir` as `kubectl kustomize dir` would (for the supported subset). */
export function renderKustomization(dir: string): KubernetesObject[] {
  return render(path.resolve(dir));
}

function render(dir: string): KubernetesObject[] {
  const file = KUSTOMIZATION_FILES.map((name) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
  if (!file) throw new KustomizeError(`no kustomization.yaml in ${dir}`);
  const kustomization = (parse(fs.readFileSync(file, 'utf8')) ?? {}) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length) throw new KustomizeError(`${file}: fields this renderer does not implement: ${unsupported.join(', ')}`);

  let objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = inside(dir, resource);
    const loaded = fs.statSync(target).isDirectory() ? render(target) : readObjects(target);
    for (const object of loaded) {
      if (objects.some((existing) => sameId(existing, object))) throw new KustomizeError(`${file}: ${idOf(object)} is defined twice`);
      objects.push(object);
    }
  }
  // generated objects get their hashed name once the rest is in place, and references to them follow
  const renames = new Map<string, string>();
  for (const generator of kustomization.configMapGenerator ?? []) objects.push(generate(dir, 'ConfigMap', generator, renames));
  for (const generator of kustomization.secretGenerator ?? []) objects.push(generate(dir, 'Secret', generator, renames));
  for (const patch of kustomization.patches ?? []) objects = applyPatch(dir, objects, patch);
  for (const { name, count } of kustomization.replicas ?? []) {
    const targets = objects.filter((object) => SCALABLE_KINDS.has(object.kind) && object.metadata.name === name);
    if (!targets.length) throw new KustomizeError(`${file}: replicas: no workload named ${name}`);
    for (const object of targets) (object.spec as Record<string, unknown>).replicas = count;
  }
  for (const image of kustomization.images ?? []) objects.forEach((object) => setImage(object, image));
  objects.forEach((object) => renameReferences(object, renames));
  if (kustomization.namespace) for (const object of objects) object.metadata.namespace = kustomization.namespace;
  return objects;
}

/** A path of the kustomization, refused outside its folder (kustomize's load restrictor does the same). */
function inside(dir: string, relative: string): string {
  const target = path.resolve(dir, relative);
  const real = fs.realpathSync(target);
  const root = fs.realpathSync(dir);
  const isBase = fs.statSync(real).isDirectory();
  // a base folder may be anywhere (../../base); a file must be in or below the kustomization's folder
  if (!isBase && real !== root && !real.startsWith(root + path.sep)) throw new KustomizeError(`${relative}: not in or below ${dir}`);
  return target;
}

function readObjects(file: string): KubernetesObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length) throw new KustomizeError(`${file}: ${document.errors[0].message}`);
      return document.toJS() as KubernetesObject | null;
    })
    .filter((object): object is KubernetesObject => object != null);
}

function idOf(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

function sameId(a: KubernetesObject, b: KubernetesObject): boolean {
  return idOf(a) === idOf(b);
}

function generate(dir: string, kind: 'ConfigMap' | 'Secret', generator: Generator, renames: Map<string, string>): KubernetesObject {
  const unsupported = Object.keys(generator).filter((field) => !SUPPORTED_GENERATOR_FIELDS.has(field));
  if (unsupported.length) throw new KustomizeError(`${kind} generator ${generator.name}: fields this renderer does not implement: ${unsupported.join(', ')}`);
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (key in data) throw new KustomizeError(`${kind} ${generator.name}: key ${key} is given twice`);
    data[key] = value;
  };
  for (const literal of generator.literals ?? []) {
    const [key, value] = splitPair(literal, `${kind} ${generator.name} literal`);
    add(key, value);
  }
  for (const envFile of generator.envs ?? []) {
    for (const [key, value] of readEnvFile(inside(dir, envFile))) add(key, value);
  }
  for (const entry of generator.files ?? []) {
    const [key, file] = entry.includes('=') ? splitPair(entry, `${kind} ${generator.name} file`) : [path.basename(entry), entry];
    add(key, fs.readFileSync(inside(dir, file), 'utf8'));
  }
  const object: KubernetesObject =
    kind === 'ConfigMap'
      ? { apiVersion: 'v1', kind, metadata: { name: generator.name }, data }
      : {
          apiVersion: 'v1',
          kind,
          metadata: { name: generator.name },
          type: generator.type ?? 'Opaque',
          data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, base64Lines(value)])),
        };
  const hashed = `${generator.name}-${contentHash(object)}`;
  renames.set(`${kind}/${generator.name}`, hashed);
  object.metadata.name = hashed;
  return object;
}

/**
 * kustomize's base64 of a Secret value: in lines of 70 characters, each ending in a newline, once the encoding
 * reaches 70 characters (the name's hash is taken over this form).
 */
export function base64Lines(value: string): string {
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  const LINE = 70;
  if (encoded.length < LINE) return encoded;
  let lines = '';
  for (let at = 0; at < encoded.length; at += LINE) lines += `${encoded.slice(at, at + LINE)}\n`;
  return lines;
}

function splitPair(pair: string, what: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new KustomizeError(`${what} "${pair}" is not KEY=VALUE`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** kustomize's env files: KEY=VALUE lines, blank lines and # comments skipped, values taken as written. */
function readEnvFile(file: string): [string, string][] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, '').trimStart())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [key, value] = splitPair(line, `${file}: line`);
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new KustomizeError(`${file}: "${key}" is not a valid key`);
      return [key, value];
    });
}

/**
 * kustomize's name suffix: the SHA-256 of Go's JSON encoding of {data, kind, name: ""} (and type for a Secret),
 * keys sorted and <, >, & escaped as Go does, cut to 10 hex digits with 0, 1, 3, a, e replaced (no vowels, no
 * look-alikes). Checked against kubectl's output in tooling/test/kustomize.test.ts.
 */
export function contentHash(object: KubernetesObject): string {
  const data = sortedKeys((object.data as Record<string, string>) ?? {});
  const encoded = object.kind === 'Secret' ? { data, kind: 'Secret', name: '', type: object.type } : { data, kind: 'ConfigMap', name: '' };
  const json = JSON.stringify(encoded).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const hex = crypto.createHash('sha256').update(json).digest('hex');
  return hex.slice(0, 10).replace(/[013ae]/g, (char) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[char]!);
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}

function applyPatch(dir: string, objects: KubernetesObject[], patch: Patch): KubernetesObject[] {
  const { target } = patch;
  if (!target?.kind || !target.name) throw new KustomizeError('a patch needs target.kind and target.name (only JSON 6902 patches are implemented)');
  const text = patch.patch ?? (patch.path ? fs.readFileSync(inside(dir, patch.path), 'utf8') : undefined);
  if (text === undefined) throw new KustomizeError(`patch of ${target.kind}/${target.name}: no patch nor path`);
  const operations = parse(text) as JsonPatchOperation[];
  if (!Array.isArray(operations)) throw new KustomizeError(`patch of ${target.kind}/${target.name}: only JSON 6902 patches (a list of operations) are implemented`);
  const matched = objects.filter((object) => object.kind === target.kind && object.metadata.name === target.name);
  if (!matched.length) throw new KustomizeError(`patch: no ${target.kind}/${target.name} to patch`);
  return objects.map((object) => (matched.includes(object) ? (applyJsonPatch(object, operations) as KubernetesObject) : object));
}

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: unknown;
}

/** RFC 6902 add, remove, replace and test, on a copy. */
export function applyJsonPatch(document: unknown, operations: JsonPatchOperation[]): unknown {
  const root = structuredClone(document) as Record<string, unknown>;
  for (const operation of operations) {
    const tokens = operation.path
      .split('/')
      .slice(1)
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (!operation.path.startsWith('/') || tokens.length === 0) throw new KustomizeError(`JSON patch path "${operation.path}" must point inside the object`);
    const last = tokens.pop()!;
    let parent: unknown = root;
    for (const token of tokens) {
      parent = (parent as Record<string, unknown>)?.[token];
      if (parent === null || typeof parent !== 'object') throw new KustomizeError(`JSON patch path "${operation.path}": ${token} does not exist`);
    }
    const container = parent as Record<string, unknown> | unknown[];
    const exists = Array.isArray(container) ? Number(last) < container.length : last in container;
    switch (operation.op) {
      case 'add':
        if (Array.isArray(container)) container.splice(last === '-' ? container.length : Number(last), 0, structuredClone(operation.value));
        else container[last] = structuredClone(operation.value);
        break;
      case 'replace':
      case 'remove':
        if (!exists) throw new KustomizeError(`JSON patch ${operation.op} "${operation.path}": nothing there`);
        if (Array.isArray(container)) container.splice(Number(last), 1, ...(operation.op === 'replace' ? [structuredClone(operation.value)] : []));
        else if (operation.op === 'replace') container[last] = structuredClone(operation.value);
        else delete container[last];
        break;
      case 'test':
        if (!exists || JSON.stringify((container as Record<string, unknown>)[last]) !== JSON.stringify(operation.value)) {
          throw new KustomizeError(`JSON patch test "${operation.path}" failed`);
        }
        break;
      default:
        throw new KustomizeError(`JSON patch op "${(operation as { op: string }).op}" is not implemented`);
    }
  }
  return root;
}

interface Container {
  image?: string;
  env?: { valueFrom?: { configMapKeyRef?: { name: string }; secretKeyRef?: { name: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: { configMap?: { name: string }; secret?: { secretName: string } }[];
}

function podSpecOf(object: KubernetesObject): PodSpec | undefined {
  if (!POD_TEMPLATE_KINDS.has(object.kind)) return undefined;
  return (object.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
}

function containersOf(spec: PodSpec): Container[] {
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
}

/** kustomize's images transformer: a container image named `name` (any tag or digest) gets the new name, tag or digest. */
function setImage(object: KubernetesObject, image: NonNullable<Kustomization['images']>[number]): void {
  const spec = podSpecOf(object);
  if (!spec) return;
  for (const container of containersOf(spec)) {
    if (!container.image) continue;
    const match = /^(.+?)(?::([^:/@]+))?(?:@(.+))?$/.exec(container.image)!;
    if (match[1] !== image.name) continue;
    const name = image.newName ?? match[1];
    if (image.digest) container.image = `${name}@${image.digest}`;
    else if (image.newTag) container.image = `${name}:${image.newTag}`;
    else container.image = `${name}${match[2] ? `:${match[2]}` : ''}${match[3] ? `@${match[3]}` : ''}`;
  }
}

/** References from pod templates to a generated ConfigMap or Secret follow its hashed name. */
function renameReferences(object: KubernetesObject, renames: Map<string, string>): void {
  const spec = podSpecOf(object);
  if (!spec || renames.size === 0) return;
  const renamed = (kind: 'ConfigMap' | 'Secret', name: string) => renames.get(`${kind}/${name}`) ?? name;
  for (const volume of spec.volumes ?? []) {
    if (volume.configMap) volume.configMap.name = renamed('ConfigMap', volume.configMap.name);
    if (volume.secret) volume.secret.secretName = renamed('Secret', volume.secret.secretName);
  }
  for (const container of containersOf(spec)) {
    for (const variable of container.env ?? []) {
      const { configMapKeyRef, secretKeyRef } = variable.valueFrom ?? {};
      if (configMapKeyRef) configMapKeyRef.name = renamed('ConfigMap', configMapKeyRef.name);
      if (secretKeyRef) secretKeyRef.name = renamed('Secret', secretKeyRef.name);
    }
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) source.configMapRef.name = renamed('ConfigMap', source.configMapRef.name);
      if (source.secretRef) source.secretRef.name = renamed('Secret', source.secretRef.name);
    }
  }
}
