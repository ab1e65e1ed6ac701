/**
 * deploy/kubernetes rendered and checked, with nothing fetched: each overlay is rendered (the kustomize subset of
 * @corphub/tooling/testing's renderKustomization, compared with `kubectl kustomize` where a kubectl with kustomize
 * v5 is installed), every object is validated against the Kubernetes JSON schemas bundled in kubernetes-models,
 * and the manifests are checked against the code: a Deployment per subgraph on its port, the variables its code
 * reads, probes on paths a running hub answers, keys only where they belong, a NetworkPolicy that lets only
 * the gateway in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { HUB_FILE, SUBGRAPHS, SUPERGRAPH_FILE } from '@corphub/tooling';
import { envVarsReadBy, renderKustomization, startTestHub, type KubernetesObject, type TestHub } from '@corphub/tooling/testing';

const ROOT = path.join(__dirname, '..', '..');
const KUBERNETES_DIR = path.join(ROOT, 'deploy', 'kubernetes');
const OVERLAYS = ['development', 'production'] as const;
type Overlay = (typeof OVERLAYS)[number];

/** The models whose validate() checks an object against its kind's schema; a kind not listed here fails the test. */
const MODELS: Record<string, new (object: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean };
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string }; emptyDir?: object }[];
}
interface DeploymentObject extends KubernetesObject {
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}

const SUBGRAPH_NAMES = SUBGRAPHS.map((definition) => definition.name);
const WORKLOADS = ['gateway', ...SUBGRAPH_NAMES];

/** deploy/kubernetes copied to a temporary folder, with each overlay's secrets written by make-secrets.sh. */
function withSecrets(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-kubernetes-'));
  fs.cpSync(KUBERNETES_DIR, copy, { recursive: true, filter: (source) => !source.split(path.sep).includes('secrets') });
  for (const overlay of OVERLAYS) {
    const made = spawnSync('bash', [path.join(copy, 'make-secrets.sh'), path.join(copy, 'overlays', overlay)], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgresql://corphub:stand-in@db.internal:5432/corphub', REDIS_URL: 'redis://redis.internal:6379' },
    });
    if (made.status !== 0) throw new Error(`make-secrets.sh ${overlay}: ${made.stderr}`);
  }
  return copy;
}

const renderedDir = withSecrets();
afterAll(() => fs.rmSync(renderedDir, { recursive: true, force: true }));
const rendered: Record<Overlay, KubernetesObject[]> = {
  development: renderKustomization(path.join(renderedDir, 'overlays', 'development')),
  production: renderKustomization(path.join(renderedDir, 'overlays', 'production')),
};

function objectsOf(overlay: Overlay, kind: string): KubernetesObject[] {
  return rendered[overlay].filter((object) => object.kind === kind);
}

function deployment(overlay: Overlay, name: string): DeploymentObject {
  const found = objectsOf(overlay, 'Deployment').find((object) => object.metadata.name === name);
  if (!found) throw new Error(`no Deployment ${name} in ${overlay}`);
  return found as DeploymentObject;
}

function containerOf(overlay: Overlay, name: string): Container {
  const { containers } = deployment(overlay, name).spec.template.spec;
  expect(containers).toHaveLength(1);
  return containers[0];
}

function envOf(container: Container): Record<string, EnvVar> {
  return Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable]));
}

/** A generated object by the name it has in the kustomization (before the hash suffix). */
function generated(overlay: Overlay, kind: 'ConfigMap' | 'Secret', name: string): KubernetesObject & { data: Record<string, string> } {
  const found = objectsOf(overlay, kind).filter((object) => new RegExp(`^${name}-[a-z0-9]{10}$`).test(object.metadata.name));
  expect({ kind, name, found: found.length }).toEqual({ kind, name, found: 1 });
  return found[0] as KubernetesObject & { data: Record<string, string> };
}

/**
 * kustomize writes a Secret's base64 in lines of 70 characters; the API server's decoder skips the line breaks,
 * the schema's `byte` format does not.
 */
function asApiServerReadsIt(object: KubernetesObject): KubernetesObject {
  if (object.kind !== 'Secret') return object;
  const data = Object.fromEntries(Object.entries(object.data as Record<string, string>).map(([key, value]) => [key, value.replace(/\n/g, '')]));
  return { ...object, data };
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** Kubernetes quantities as numbers (cores, bytes) for the few suffixes the manifests use. */
function quantity(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(value);
  if (!match) throw new Error(`unexpected quantity ${value}`);
  const scale: Record<string, number> = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
  return Number(match[1]) * (match[2] ? scale[match[2]] : 1);
}

describe('deploy/kubernetes', () => {
  describe.each(OVERLAYS)('the %s overlay', (overlay) => {
    it('renders to valid Kubernetes objects (the bundled JSON schemas), each kind a known one', () => {
      expect(rendered[overlay].length).toBeGreaterThan(WORKLOADS.length * 3);
      for (const object of rendered[overlay]) {
        const Model = MODELS[`${object.apiVersion}/${object.kind}`];
        expect({ object: `${object.apiVersion}/${object.kind}`, known: Boolean(Model) }).toEqual({ object: `${object.apiVersion}/${object.kind}`, known: true });
        expect(() => new Model(asApiServerReadsIt(object) as never).validate()).not.toThrow();
        expect(object.metadata.namespace).toBe(overlay === 'production' ? 'corphub' : 'corphub-dev');
      }
    });

    it('has a Deployment, a Service and a PodDisruptionBudget for the gateway and every subgraph, and no other workload', () => {
      expect(objectsOf(overlay, 'Deployment').map((object) => object.metadata.name).sort()).toEqual([...WORKLOADS].sort());
      for (const name of WORKLOADS) {
        const pods = deployment(overlay, name).spec.template.metadata.labels;
        const selector = deployment(overlay, name).spec.selector.matchLabels;
        expect(selects(selector, pods)).toBe(true);
        const service = objectsOf(overlay, 'Service').find((object) => object.metadata.name === name) as KubernetesObject & { spec: { selector: Record<string, string> } };
        expect(service).toBeDefined();
        expect(selects(service.spec.selector, pods)).toBe(true);
        // a Service selecting another workload's pods too would send it the wrong requests
        for (const other of WORKLOADS.filter((candidate) => candidate !== name)) {
          expect({ service: name, other, selects: selects(service.spec.selector, deployment(overlay, other).spec.template.metadata.labels) }).toEqual({ service: name, other, selects: false });
        }
        const budgets = objectsOf(overlay, 'PodDisruptionBudget').filter((object) => selects((object.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels, pods));
        expect({ name, budgets: budgets.length }).toEqual({ name, budgets: 1 });
      }
    });

    it('runs every workload from the one image, as a non-root user with a read-only root filesystem and a writable /tmp', () => {
      const images = new Set(WORKLOADS.map((name) => containerOf(overlay, name).image));
      expect(images.size).toBe(1);
      expect([...images][0]).toMatch(overlay === 'production' ? /^registry\.example\.com\/corphub:/ : /^corphub:dev$/);
      for (const name of WORKLOADS) {
        const container = containerOf(overlay, name);
        expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        expect(deployment(overlay, name).spec.template.spec.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
      }
    });

    it('gives every container CPU and memory requests and limits, a heap below its memory limit', () => {
      for (const name of WORKLOADS) {
        const { requests = {}, limits = {} } = containerOf(overlay, name).resources ?? {};
        for (const resource of ['cpu', 'memory']) {
          expect({ name, resource, request: quantity(requests[resource]) > 0 }).toEqual({ name, resource, request: true });
          expect({ name, resource, withinLimit: quantity(requests[resource]) <= quantity(limits[resource]) }).toEqual({ name, resource, withinLimit: true });
        }
        const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(envOf(containerOf(overlay, name)).NODE_OPTIONS?.value ?? '')?.[1]);
        expect({ name, heapBelowLimit: heapMiB > 0 && heapMiB * 1024 ** 2 < 0.8 * quantity(limits.memory) }).toEqual({ name, heapBelowLimit: true });
      }
    });

    it('sets only variables the code of each workload reads, and gives each one what its code needs', () => {
      for (const name of WORKLOADS) {
        const read = envVarsReadBy(name);
        // an empty answer would make this vacuous
        expect(read.has('PORT') && read.has('CORPHUB_INTERNAL_SECRET')).toBe(true);
        const unknown = Object.keys(envOf(containerOf(overlay, name))).filter(
          // NODE_OPTIONS is Node's own; the gateway reads CORPHUB_SUBGRAPH_<NAME>_URL by pattern (subgraphUrlsFromEnv)
          (variable) => !read.has(variable) && variable !== 'NODE_OPTIONS' && !(name === 'gateway' && /^CORPHUB_SUBGRAPH_[A-Z0-9_]+_URL$/.test(variable)),
        );
        expect({ name, unknown }).toEqual({ name, unknown: [] });
        const env = envOf(containerOf(overlay, name));
        for (const needed of ['NODE_ENV', 'HOST', 'PORT', 'CORPHUB_INTERNAL_SECRET', 'CORPHUB_METRICS_TOKEN', 'LOG_LEVEL']) expect({ name, needed, set: needed in env }).toEqual({ name, needed, set: true });
        // REDIS_URL exactly where the code reads it: shared persisted queries, notices, live streams
        const readsRedis = read.has('REDIS_URL');
        expect({ name, redis: 'REDIS_URL' in env }).toEqual({ name, redis: readsRedis });
        expect(env.NODE_ENV.value).toBe('production');
        expect(env.HOST.value).toBe('0.0.0.0');
      }
      expect(['gateway', 'identity', 'messages'].every((name) => 'REDIS_URL' in envOf(containerOf(overlay, name)))).toBe(true);
    });

    it.each(SUBGRAPHS.map((definition) => [definition.name, definition.defaultPort] as const))('runs the %s subgraph from its entry point on port %d, on PostgreSQL', (name, port) => {
      const container = containerOf(overlay, name);
      expect(container.command).toEqual(['node', `subgraphs/${name}/dist/main.js`]);
      expect(fs.existsSync(path.join(ROOT, 'subgraphs', name, 'src', 'main.ts'))).toBe(true);
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
      const env = envOf(container);
      expect(env.PORT.value).toBe(String(port));
      expect(env.DATABASE_URL.valueFrom?.secretKeyRef?.name).toMatch(/^corphub-services-/);
      const service = objectsOf(overlay, 'Service').find((object) => object.metadata.name === name) as KubernetesObject & { spec: { ports: { port: number; targetPort: string }[] } };
      expect(service.spec.ports.map(({ port: servicePort, targetPort }) => ({ servicePort, targetPort }))).toEqual([{ servicePort: port, targetPort: 'http' }]);
      // the gateway reaches it at its Service; a subgraph calls others only through the gateway
      expect(envOf(containerOf(overlay, 'gateway'))[`CORPHUB_SUBGRAPH_${name.toUpperCase()}_URL`]?.value).toBe(`http://${name}:${port}/graphql`);
      if (env.CORPHUB_GATEWAY_URL) expect(env.CORPHUB_GATEWAY_URL.value).toBe('http://gateway:4000/graphql');
      const urls = Object.values(env).map((variable) => variable.value ?? '').filter((value) => /^https?:\/\//.test(value));
      for (const url of urls) expect({ name, url, toASubgraph: SUBGRAPH_NAMES.includes(new URL(url).hostname) }).toEqual({ name, url, toASubgraph: false });
    });

    it('runs the gateway from its entry point on port 4000, routing only to known subgraphs, on the ConfigMap supergraph', () => {
      const container = containerOf(overlay, 'gateway');
      expect(container.command).toEqual(['node', 'gateway/dist/main.js']);
      expect(container.ports).toEqual([{ name: 'http', containerPort: 4000 }]);
      const env = envOf(container);
      expect(env.PORT.value).toBe('4000');
      const routed = Object.keys(env).filter((variable) => /^CORPHUB_SUBGRAPH_[A-Z0-9_]+_URL$/.test(variable));
      expect(routed.sort()).toEqual(SUBGRAPH_NAMES.map((name) => `CORPHUB_SUBGRAPH_${name.toUpperCase()}_URL`).sort());
      expect(env.DATABASE_URL).toBeUndefined();
    });

    it('mounts the supergraph ConfigMap (the committed supergraph and hub.json) where the gateway and identity read it', () => {
      const supergraph = generated(overlay, 'ConfigMap', 'corphub-supergraph');
      expect(supergraph.data['supergraph.graphql']).toBe(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
      expect(supergraph.data['hub.json']).toBe(fs.readFileSync(HUB_FILE, 'utf8'));
      for (const name of ['gateway', 'identity']) {
        const container = containerOf(overlay, name);
        const file = envOf(container).CORPHUB_SUPERGRAPH_FILE?.value ?? '';
        const mount = container.volumeMounts?.find((candidate) => path.dirname(file) === candidate.mountPath);
        expect({ name, mounted: Boolean(mount) }).toEqual({ name, mounted: true });
        const volume = deployment(overlay, name).spec.template.spec.volumes?.find((candidate) => candidate.name === mount?.name);
        expect(volume?.configMap?.name).toBe(supergraph.metadata.name);
        // hub.json is read beside the supergraph (hubFileBeside) unless CORPHUB_HUB_FILE says otherwise
        expect(path.basename(file)).toBe('supergraph.graphql');
        expect(envOf(container).CORPHUB_HUB_FILE).toBeUndefined();
      }
    });

    it('keeps the media files on a volume at CORPHUB_DATA_DIR (/app/data in the image)', () => {
      expect(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^ENV CORPHUB_DATA_DIR=\/app\/data$/m);
      const mount = containerOf(overlay, 'media').volumeMounts?.find((candidate) => candidate.mountPath === '/app/data');
      const volume = deployment(overlay, 'media').spec.template.spec.volumes?.find((candidate) => candidate.name === mount?.name);
      const claim = objectsOf(overlay, 'PersistentVolumeClaim').find((object) => object.metadata.name === volume?.persistentVolumeClaim?.claimName) as KubernetesObject & { spec: { accessModes: string[] } };
      expect(claim.spec.accessModes).toEqual(overlay === 'production' ? ['ReadWriteMany'] : ['ReadWriteOnce']);
    });

    it('takes every key from a Secret, each Secret and setting that a workload reads exists, and only the gateway gets the signing keys', () => {
      const secretName = /SECRET|TOKEN|PRIVATE_KEY|SIGNING_KEY|PUBLIC_KEY|DATABASE_URL|REDIS_URL/;
      for (const name of WORKLOADS) {
        for (const variable of containerOf(overlay, name).env ?? []) {
          if (secretName.test(variable.name)) expect({ name, variable: variable.name, fromSecret: Boolean(variable.valueFrom?.secretKeyRef) }).toEqual({ name, variable: variable.name, fromSecret: true });
          const ref = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const kind = variable.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
          const source = objectsOf(overlay, kind).find((object) => object.metadata.name === ref.name) as (KubernetesObject & { data: Record<string, string> }) | undefined;
          expect({ name, variable: variable.name, source: ref.name, exists: Boolean(source) }).toEqual({ name, variable: variable.name, source: ref.name, exists: true });
          if (!ref.optional) expect({ name, variable: variable.name, key: ref.key, present: ref.key in source!.data }).toEqual({ name, variable: variable.name, key: ref.key, present: true });
          // the key is named after the variable: one name from make-secrets.sh to the process
          expect(ref.key).toBe(variable.name);
        }
      }
      const gatewayOnly = ['CORPHUB_JWT_SECRET', 'CORPHUB_CONTEXT_PRIVATE_KEY', 'CORPHUB_CONTEXT_NEXT_PRIVATE_KEY', 'CORPHUB_OIDC_SIGNING_KEY'];
      for (const name of SUBGRAPH_NAMES) {
        const env = envOf(containerOf(overlay, name));
        expect({ name, gatewayKeys: gatewayOnly.filter((variable) => variable in env) }).toEqual({ name, gatewayKeys: [] });
        expect(Object.values(env).some((variable) => variable.valueFrom?.secretKeyRef?.name.startsWith('corphub-gateway-keys-'))).toBe(false);
        expect(env.CORPHUB_CONTEXT_PUBLIC_KEY.valueFrom?.secretKeyRef?.name).toMatch(/^corphub-keys-/);
      }
      const gateway = envOf(containerOf(overlay, 'gateway'));
      for (const variable of ['CORPHUB_JWT_SECRET', 'CORPHUB_CONTEXT_PRIVATE_KEY', 'CORPHUB_OIDC_SIGNING_KEY']) expect(gateway[variable].valueFrom?.secretKeyRef?.name).toMatch(/^corphub-gateway-keys-/);
      // make-secrets.sh wrote real keys: a PEM private key pair and 64 hex digits
      const gatewayKeys = generated(overlay, 'Secret', 'corphub-gateway-keys').data;
      const decoded = (value: string) => Buffer.from(value, 'base64').toString('utf8');
      expect(decoded(gatewayKeys.CORPHUB_CONTEXT_PRIVATE_KEY)).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(decoded(gatewayKeys.CORPHUB_JWT_SECRET)).toMatch(/^[0-9a-f]{64}$/);
      const keys = generated(overlay, 'Secret', 'corphub-keys').data;
      expect(decoded(keys.CORPHUB_CONTEXT_PUBLIC_KEY)).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(decoded(keys.CORPHUB_INTERNAL_SECRET)).not.toBe(decoded(gatewayKeys.CORPHUB_JWT_SECRET));
    });

    it('lets only the gateway reach the subgraphs, on each subgraph port', () => {
      const policy = objectsOf(overlay, 'NetworkPolicy').find((object) => object.metadata.name === 'subgraphs-from-gateway') as KubernetesObject & {
        spec: { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress: { from: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: object }[]; ports: { port: number }[] }[] };
      };
      expect(policy.spec.policyTypes).toEqual(['Ingress']);
      const podsOf = (name: string) => deployment(overlay, name).spec.template.metadata.labels;
      for (const name of SUBGRAPH_NAMES) expect({ name, selected: selects(policy.spec.podSelector.matchLabels, podsOf(name)) }).toEqual({ name, selected: true });
      expect(selects(policy.spec.podSelector.matchLabels, podsOf('gateway'))).toBe(false);
      expect(policy.spec.ingress).toHaveLength(1);
      const [rule] = policy.spec.ingress;
      expect(rule.from).toHaveLength(1);
      expect(rule.from[0].namespaceSelector).toBeUndefined();
      expect(selects(rule.from[0].podSelector!.matchLabels, podsOf('gateway'))).toBe(true);
      for (const name of SUBGRAPH_NAMES) expect({ name, from: selects(rule.from[0].podSelector!.matchLabels, podsOf(name)) }).toEqual({ name, from: false });
      expect(rule.ports.map((port) => port.port).sort()).toEqual(SUBGRAPHS.map((definition) => definition.defaultPort).sort());
    });

    it('probes the gateway on /health (start, liveness) and /ready (readiness), and each subgraph on /health', () => {
      const gateway = containerOf(overlay, 'gateway');
      expect([gateway.startupProbe, gateway.livenessProbe, gateway.readinessProbe].map((probe) => probe?.httpGet)).toEqual([
        { path: '/health', port: 'http' },
        { path: '/health', port: 'http' },
        { path: '/ready', port: 'http' },
      ]);
      for (const name of SUBGRAPH_NAMES) {
        const container = containerOf(overlay, name);
        expect([container.startupProbe, container.livenessProbe, container.readinessProbe].map((probe) => probe?.httpGet)).toEqual(Array(3).fill({ path: '/health', port: 'http' }));
      }
    });
  });

  it('development runs one replica of everything; production leaves the count to a CPU HorizontalPodAutoscaler per workload, two at least', () => {
    for (const name of WORKLOADS) expect({ name, replicas: deployment('development', name).spec.replicas }).toEqual({ name, replicas: 1 });
    expect(objectsOf('development', 'HorizontalPodAutoscaler')).toEqual([]);
    for (const name of WORKLOADS) {
      expect({ name, replicas: deployment('production', name).spec.replicas }).toEqual({ name, replicas: undefined });
      const autoscalers = objectsOf('production', 'HorizontalPodAutoscaler').filter((object) => (object.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name);
      expect({ name, autoscalers: autoscalers.length }).toEqual({ name, autoscalers: 1 });
      const spec = autoscalers[0].spec as { scaleTargetRef: { kind: string }; minReplicas: number; maxReplicas: number; metrics: { type: string; resource: { name: string } }[] };
      expect(spec.scaleTargetRef.kind).toBe('Deployment');
      expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(spec.maxReplicas).toBeGreaterThan(spec.minReplicas);
      expect(spec.metrics.map((metric) => `${metric.type}/${metric.resource.name}`)).toEqual(['Resource/cpu']);
    }
  });

  it('production has an https public URL, and neither the demo corp nor the development sign-in', () => {
    const settings = generated('production', 'ConfigMap', 'corphub-settings').data;
    expect(new URL(settings.CORPHUB_PUBLIC_URL).protocol).toBe('https:');
    expect(settings.CORPHUB_OAUTH_DEV_SIGN_IN).toBeUndefined();
    expect(settings.CORPHUB_SEED_DEMO).toBeUndefined();
    expect(generated('development', 'ConfigMap', 'corphub-settings').data.CORPHUB_OAUTH_DEV_SIGN_IN).toBe('true');
  });

  it('production lets Prometheus scrape the subgraphs on their ports, and nothing else in', () => {
    const policy = objectsOf('production', 'NetworkPolicy').find((object) => object.metadata.name === 'subgraphs-from-prometheus') as KubernetesObject & { spec: { ingress: { ports: { port: number }[] }[] } };
    expect(policy.spec.ingress.flatMap((rule) => rule.ports.map((port) => port.port)).sort()).toEqual(SUBGRAPHS.map((definition) => definition.defaultPort).sort());
    expect(objectsOf('production', 'NetworkPolicy')).toHaveLength(2);
  });

  it('ships the supergraph ConfigMap from copies identical to tooling/ (npm run compose writes them)', () => {
    expect(fs.readFileSync(path.join(KUBERNETES_DIR, 'base', 'supergraph', 'supergraph.graphql'), 'utf8')).toBe(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
    expect(fs.readFileSync(path.join(KUBERNETES_DIR, 'base', 'supergraph', 'hub.json'), 'utf8')).toBe(fs.readFileSync(HUB_FILE, 'utf8'));
  });

  it('the schema validation is not vacuous: a wrong field type and a missing required field are refused', () => {
    const gateway = structuredClone(deployment('production', 'gateway'));
    gateway.spec.template.spec.containers[0].ports = [{ name: 'http', containerPort: 'http' as never }];
    expect(() => new Deployment(gateway as never).validate()).toThrow(/containerPort/);
    const noSelector = structuredClone(deployment('production', 'gateway')) as Partial<DeploymentObject>;
    delete (noSelector.spec as Partial<DeploymentObject['spec']>).selector;
    expect(() => new Deployment(noSelector as never).validate()).toThrow(/selector/);
  });

  const kustomizeVersion = (() => {
    const version = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 30_000 });
    if (version.status !== 0) return undefined;
    return (JSON.parse(version.stdout) as { kustomizeVersion?: string }).kustomizeVersion;
  })();
  // kubectl is not part of CI's install; where one with kustomize v5 is found, it must render what ours renders
  (kustomizeVersion?.startsWith('v5.') ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))('renders %s exactly as `kubectl kustomize` does (when a kubectl with kustomize v5 is installed)', (overlay) => {
    const output = spawnSync('kubectl', ['kustomize', path.join(renderedDir, 'overlays', overlay)], { encoding: 'utf8', timeout: 60_000 });
    // kubectl may warn on stderr (a dispatcher, a deprecation): only its exit status and output count
    expect({ status: output.status, stderr: output.status === 0 ? '' : output.stderr }).toEqual({ status: 0, stderr: '' });
    const byId = (objects: KubernetesObject[]) => Object.fromEntries(objects.map((object) => [`${object.kind}/${object.metadata.namespace}/${object.metadata.name}`, object]));
    const theirs = parseAllDocuments(output.stdout).map((document) => document.toJS() as KubernetesObject);
    expect(byId(rendered[overlay])).toEqual(byId(theirs));
  });

  describe('the probed paths, on a running hub', () => {
    let hub: TestHub;
    beforeAll(async () => {
      hub = await startTestHub({ label: 'kubernetes-probes' });
    });
    afterAll(async () => {
      await hub?.stop();
    });

    it.each(WORKLOADS)('%s answers 200 on each path it is probed on', async (name) => {
      const container = containerOf('production', name);
      const base = name === 'gateway' ? hub.url : hub.subgraphs[name].url;
      for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
        const response = await fetch(new URL(probe!.httpGet!.path, base));
        expect({ name, path: probe!.httpGet!.path, status: response.status }).toEqual({ name, path: probe!.httpGet!.path, status: 200 });
      }
    });
  });
});
