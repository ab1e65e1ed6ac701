/**
 * file-type 21 and music-metadata 11 are ES modules only (with no top-level await). Node 20.19+ can
 * `require()` such modules, so this CommonJS package loads them synchronously with Node's own require.
 * Jest cannot: its module registry resolves with the `require` condition, which these packages do not
 * export, and it patches `node:module`. `process.getBuiltinModule` hands over Node's real `node:module`,
 * so the same code path runs in the built code and under Jest (no transform, no --experimental-vm-modules).
 */
type FileTypeModule = typeof import('file-type', { with: { 'resolution-mode': 'import' } });
type MusicMetadataModule = typeof import('music-metadata', { with: { 'resolution-mode': 'import' } });

const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);

export const fileType = (): FileTypeModule => nodeRequire('file-type') as FileTypeModule;
export const musicMetadata = (): MusicMetadataModule => nodeRequire('music-metadata') as MusicMetadataModule;
