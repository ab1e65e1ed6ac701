import fs from 'node:fs';
import path from 'node:path';

// env.X, env['X'], and a reader given the environment and the name: flag(env, 'X', …), positiveInt(env, 'X', …)
const ENV_READ = /\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]|\s*,\s*['"`]([A-Z][A-Z0-9_]*)['"`])/g;

/**
 * The environment variables that the TypeScript sources under `dirs` read (`env.X`, `process.env.X`,
 * `env['X']`, `flag(env, 'X', …)`): what a deployment file may set for a process built from them.
 */
export function envVarsReadIn(dirs: string[]): Set<string> {
  const names = new Set<string>();
  const scan = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(file);
      else if (entry.name.endsWith('.ts')) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(ENV_READ)) names.add(match[1] ?? match[2] ?? match[3]);
      }
    }
  };
  dirs.forEach(scan);
  return names;
}
