import fs from 'node:fs';
import path from 'node:path';
import type { TestHub } from '@corphub/tooling/testing';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** The files stored under their hash (`media/ab/abcdef…`), without the staging folder. */
export const storedFiles = (hub: TestHub) => {
  const root = path.join(hub.dataDir, 'media');
  return filesUnder(root).filter((file) => !path.relative(root, file).startsWith(`tmp${path.sep}`));
};
export const stagingFiles = (hub: TestHub) => filesUnder(path.join(hub.dataDir, 'media', 'tmp'));
