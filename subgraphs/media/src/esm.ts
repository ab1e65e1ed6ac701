/**
 * file-type 21 and music-metadata 11 are ES modules only (with no top-level await). Node 20.19+ can
 * `require()` such modules, so this CommonJS package loads them synchronously with Node's own require.
 * Jest cannot: its module registry resolves with the `require` condition, which these packages do not
 * export, and it patches `node:module`. `process.getBuiltinModule` hands over Node's real `node:module`,
 * so the same code path runs in the built code and under Jest (no transform, no --experimental-vm-modules).
 */
import type * as FileType from 'file-type' with { 'resolution-mode': 'import' };
import type * as MusicMetadata from 'music-metadata' with { 'resolution-mode': 'import' };

const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);

export const fileType = (): typeof FileType => nodeRequire('file-type') as typeof FileType;
export const musicMetadata = (): typeof MusicMetadata => nodeRequire('music-metadata') as typeof MusicMetadata;
