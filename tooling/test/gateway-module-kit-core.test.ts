/**
 * The gateway runs on `@corphub/module-kit/core`: the kit's main entry also loads MikroORM (both drivers, the
 * migrator), type-graphql and the validators, which the gateway never uses (about 17 MiB of RSS per process).
 * Type-only imports of the main entry are fine: TypeScript erases them. Each source file is compiled as tsc
 * would emit it and its run-time requires are read.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const GATEWAY_SRC = path.join(__dirname, '..', '..', 'gateway', 'src');

/** The modules `text` requires once compiled to CommonJS (imports used only as types are gone). */
function runtimeRequires(file: string, text: string): string[] {
  const { outputText } = ts.transpileModule(text, { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  return [...outputText.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
}

describe('the gateway source', () => {
  it('requires @corphub/module-kit/core at run time, never the kit\'s main entry', () => {
    const files = fs.readdirSync(GATEWAY_SRC, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => path.join(GATEWAY_SRC, name));
    const requires = files.flatMap((file) => runtimeRequires(file, fs.readFileSync(file, 'utf8')).map((module) => `${path.relative(GATEWAY_SRC, file)}: ${module}`));
    expect(requires.filter((entry) => entry.endsWith(': @corphub/module-kit/core')).length).toBeGreaterThan(10);
    expect(requires.filter((entry) => entry.endsWith(': @corphub/module-kit'))).toEqual([]);
  });

  it('sees a value import as a require and a type-only one as none', () => {
    expect(runtimeRequires('a.ts', "import { errors } from '@corphub/module-kit';\nerrors.NOT_FOUND('x');")).toEqual(['@corphub/module-kit']);
    expect(runtimeRequires('b.ts', "import type { Logger } from '@corphub/module-kit';\nlet l: Logger;")).toEqual([]);
  });
});
