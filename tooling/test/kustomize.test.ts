/**
 * The kustomize subset that tooling/test/kubernetes.test.ts renders deploy/kubernetes with: name hashes as
 * kustomize v5 computes them (figures from `kubectl kustomize`), JSON 6902 patches, images, replicas, namespace,
 * references to generated names, and a refusal of anything it does not implement.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyJsonPatch, base64Lines, renderKustomization, type KubernetesObject } from '@corphub/tooling/testing';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-kustomize-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

interface Ref {
  name: string;
}
interface Web {
  spec: {
    replicas: number;
    template: {
      spec: {
        containers: { image: string; args?: string[]; env: { valueFrom: { configMapKeyRef?: Ref; secretKeyRef?: Ref } }[]; envFrom: { secretRef: Ref }[] }[];
        volumes: { configMap: Ref }[];
      };
    };
  };
}

function named(objects: KubernetesObject[], kind: string): KubernetesObject[] {
  return objects.filter((object) => object.kind === kind);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: corphub:1.0
          env:
            - name: A
              valueFrom: { configMapKeyRef: { name: settings, key: A } }
            - name: B
              valueFrom: { secretKeyRef: { name: keys, key: B } }
          envFrom: [{ secretRef: { name: keys } }]
      volumes:
        - { name: files, configMap: { name: settings } }
        - { name: other, configMap: { name: not-generated } }
`;

describe('renderKustomization', () => {
  it('names generated ConfigMaps and Secrets with the hash kubectl kustomize gives them', () => {
    write('f.txt', 'a: b\n');
    write(
      'kustomization.yaml',
      `configMapGenerator:
  - { name: x, files: [f.txt] }
  - { name: html, literals: ["Q=a<b>&c", "Z=line"] }
secretGenerator:
  - { name: s, literals: [K=v] }
  - { name: tls, type: kubernetes.io/tls, literals: [tls.crt=x, tls.key=y] }
`,
    );
    const objects = renderKustomization(root);
    // kubectl 1.32 (kustomize v5.5.0) on the same inputs
    expect(objects.map((object) => object.metadata.name)).toEqual(['x-h8tkbcd652', 'html-hkd4c58g92', 's-8gkfgg4d6d', 'tls-f4c6k54dt5']);
    expect(objects[0].data).toEqual({ 'f.txt': 'a: b\n' });
    expect(objects[2]).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's-8gkfgg4d6d' }, type: 'Opaque', data: { K: 'dg==' } });
  });

  it('writes long Secret values in base64 lines of 70, as kustomize does, and hashes that form', () => {
    write('s.env', '# a comment\n\nDATABASE_URL=postgresql://corphub:stand-in@db.internal:5432/corphub\n');
    write('kustomization.yaml', 'secretGenerator:\n  - { name: s, envs: [s.env] }\n');
    const [secret] = renderKustomization(root);
    expect(secret.metadata.name).toBe('s-bmdtdfh64t');
    expect((secret.data as Record<string, string>).DATABASE_URL).toBe('cG9zdGdyZXNxbDovL2NvcnBodWI6c3RhbmQtaW5AZGIuaW50ZXJuYWw6NTQzMi9jb3JwaH\nVi\n');
    expect(base64Lines('x'.repeat(51))).toMatch(/^[A-Za-z0-9+/=]{68}$/);
    expect(base64Lines('x'.repeat(105)).split('\n')).toEqual(['eHh4'.repeat(17) + 'eH', 'h4' + 'eHh4'.repeat(17), '']);
  });

  it('follows generated names in pod templates, sets images, replicas and the namespace, through a base', () => {
    write('base/deployment.yaml', DEPLOYMENT);
    write('base/kustomization.yaml', 'resources: [deployment.yaml]\nconfigMapGenerator:\n  - { name: settings, literals: [A=1] }\n');
    write('overlay/keys.env', 'B=2\n');
    write(
      'overlay/kustomization.yaml',
      `namespace: team
resources: [../base]
images: [{ name: corphub, newName: registry.example.com/corphub, newTag: "2.0" }]
replicas: [{ name: web, count: 1 }]
secretGenerator: [{ name: keys, envs: [keys.env] }]
`,
    );
    const objects = renderKustomization(path.join(root, 'overlay'));
    const settings = named(objects, 'ConfigMap')[0].metadata.name;
    const keys = named(objects, 'Secret')[0].metadata.name;
    expect(settings).toMatch(/^settings-[a-z0-9]{10}$/);
    expect(keys).toMatch(/^keys-[a-z0-9]{10}$/);
    const [web] = named(objects, 'Deployment') as unknown as Web[];
    const [container] = web.spec.template.spec.containers;
    expect(container.image).toBe('registry.example.com/corphub:2.0');
    expect(container.env.map((variable) => (variable.valueFrom.configMapKeyRef ?? variable.valueFrom.secretKeyRef)!.name)).toEqual([settings, keys]);
    expect(container.envFrom[0].secretRef.name).toBe(keys);
    expect(web.spec.template.spec.volumes.map((volume) => volume.configMap.name)).toEqual([settings, 'not-generated']);
    expect(web.spec.replicas).toBe(1);
    expect(objects.every((object) => object.metadata.namespace === 'team')).toBe(true);
  });

  it('applies JSON 6902 patches to their target only', () => {
    write('deployment.yaml', `${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: web }', 'name: other }')}`);
    write(
      'kustomization.yaml',
      `resources: [deployment.yaml]
patches:
  - target: { kind: Deployment, name: web }
    patch: |-
      - { op: replace, path: /spec/replicas, value: 5 }
      - { op: add, path: /spec/template/spec/containers/0/args, value: [--fast] }
      - { op: remove, path: /spec/template/spec/volumes/1 }
`,
    );
    const [web, other] = renderKustomization(root) as unknown as Web[];
    expect(web.spec.replicas).toBe(5);
    expect(web.spec.template.spec.containers[0].args).toEqual(['--fast']);
    expect(web.spec.template.spec.volumes).toHaveLength(1);
    expect(other.spec.replicas).toBe(3);
    expect(other.spec.template.spec.volumes).toHaveLength(2);
  });

  it('refuses what it does not implement, a file outside the folder, a duplicate and a patch with no target', () => {
    write('deployment.yaml', DEPLOYMENT);
    write('kustomization.yaml', 'resources: [deployment.yaml]\ncommonLabels: { a: b }\n');
    expect(() => renderKustomization(root)).toThrow(/does not implement: commonLabels/);
    write('kustomization.yaml', 'resources: [deployment.yaml, deployment.yaml]\n');
    expect(() => renderKustomization(root)).toThrow(/defined twice/);
    write('kustomization.yaml', 'configMapGenerator:\n  - { name: x, files: [../outside.txt] }\n');
    const outside = path.join(path.dirname(root), 'outside.txt');
    fs.writeFileSync(outside, 'x');
    try {
      expect(() => renderKustomization(root)).toThrow(/not in or below/);
    } finally {
      fs.rmSync(outside);
    }
    write('kustomization.yaml', 'resources: [deployment.yaml]\npatches:\n  - target: { kind: Deployment, name: nobody }\n    patch: "[]"\n');
    expect(() => renderKustomization(root)).toThrow(/no Deployment\/nobody/);
    write('kustomization.yaml', 'configMapGenerator:\n  - { name: x, behavior: merge, literals: [A=1] }\n');
    expect(() => renderKustomization(root)).toThrow(/does not implement: behavior/);
  });
});

describe('applyJsonPatch', () => {
  it('adds, replaces, removes and tests, on a copy, with escaped keys and appends', () => {
    const document = { metadata: { labels: { 'app.kubernetes.io/name': 'a' } }, list: [1, 2] };
    const patched = applyJsonPatch(document, [
      { op: 'test', path: '/metadata/labels/app.kubernetes.io~1name', value: 'a' },
      { op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'b' },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'remove', path: '/list/1' },
    ]);
    expect(patched).toEqual({ metadata: { labels: { 'app.kubernetes.io/name': 'b' } }, list: [0, 2, 3] });
    expect(document).toEqual({ metadata: { labels: { 'app.kubernetes.io/name': 'a' } }, list: [1, 2] });
    expect(() => applyJsonPatch(document, [{ op: 'test', path: '/list/0', value: 9 }])).toThrow(/test/);
    expect(() => applyJsonPatch(document, [{ op: 'remove', path: '/missing' }])).toThrow(/nothing there/);
    expect(() => applyJsonPatch(document, [{ op: 'replace', path: '/a/b', value: 1 }])).toThrow(/does not exist/);
  });
});
