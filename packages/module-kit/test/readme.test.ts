/**
 * The README lists every export of both entry points, once, and nothing that is gone. Values come from the
 * loaded modules; types have no runtime trace, so the entry points' `export` statements are read with the
 * TypeScript parser, following `export * from` into each file.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as kit from '@corphub/module-kit';
import * as testing from '@corphub/module-kit/testing';

const PACKAGE_DIR = path.join(__dirname, '..');
const TESTING_HEADING = '## `@corphub/module-kit/testing`';

/** Every name a module's `export` statements give it, re-exports included. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement): string[] => {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) return clause.elements.map((element) => element.name.text);
      if (clause) return [clause.name.text];
      return exportedNames(moduleFile(file, (statement.moduleSpecifier as ts.StringLiteral).text));
    }
    if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return [];
    if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((declaration) => declaration.name.getText(source));
    const name = (statement as ts.DeclarationStatement).name;
    return name ? [name.getText(source)] : [];
  });
}

function moduleFile(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  return fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts');
}

/** The names a README section lists: the code spans that open its bullets (`- \`a\`, \`b\` — what for`). */
function listedNames(section: string): string[] {
  return section.split('\n').flatMap((line) => {
    const names = /^- ((?:`[^`]+`(?:, )?)+) — \S/.exec(line)?.[1];
    return names ? [...names.matchAll(/`([^`]+)`/g)].map((match) => match[1]) : [];
  });
}

function runtimeNames(module: object): string[] {
  return Object.keys(module).filter((name) => name !== '__esModule' && name !== 'default');
}

const readme = fs.readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
const [mainSection, testingSection] = readme.split(TESTING_HEADING);

describe.each([
  ['@corphub/module-kit', kit, 'src/index.ts', mainSection],
  ['@corphub/module-kit/testing', testing, 'src/testing/index.ts', testingSection],
])('the README on %s', (_entry, module, indexFile, section) => {
  const declared = exportedNames(path.join(PACKAGE_DIR, indexFile));

  it('has its own section', () => {
    expect(section).toBeDefined();
  });

  it('reads every runtime export among the declared exports', () => {
    expect(runtimeNames(module).filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('lists every export once, and only exports', () => {
    const listed = listedNames(section);
    expect(listed.filter((name, index) => listed.indexOf(name) !== index)).toEqual([]);
    expect([...listed].sort()).toEqual([...new Set(declared)].sort());
  });
});
