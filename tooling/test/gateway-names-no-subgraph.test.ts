/**
 * The gateway names no subgraph: which subgraphs are core, their HTTP routes and the hub services come from the
 * hub manifest, so a subgraph's name in gateway/src (in code, a string or a comment) is a hub's layout leaking
 * into the runtime. Every token of every source file is read with the TypeScript compiler's own scanner.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { SUBGRAPHS } from '@corphub/tooling';
import { okr } from '@example/okr';

const GATEWAY_SRC = path.join(__dirname, '..', '..', 'gateway', 'src');
const NAMES = new Set([...SUBGRAPHS, okr].map((definition) => definition.name));

type Kind = 'identifier' | 'string' | 'comment';

/** `file:line kind: text` for each token of `text` that names a subgraph. */
function findNames(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (kind: Kind, pos: number, tokenText: string) => {
    if (!namesIn(kind, tokenText).length) return;
    // a comment or template spans lines: point at the first line that names one
    const lines = tokenText.split('\n');
    const index = Math.max(0, lines.findIndex((line) => namesIn(kind, line).length > 0));
    found.push(`${file}:${source.getLineAndCharacterOfPosition(pos).line + 1 + index} ${kind}: ${lines[index].trim()}`);
  };
  const comments = new Set<number>();
  // every token, punctuation included (getChildren, unlike forEachChild): a comment is the trivia before one
  const visit = (node: ts.Node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return; // read as comments
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      if (comments.has(range.pos)) continue;
      comments.add(range.pos);
      report('comment', range.pos, text.slice(range.pos, range.end));
    }
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) report('identifier', node.getStart(), node.text);
    else if (ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)) report('string', node.getStart(), node.text);
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return found;
}

/** The subgraph names among a token's words. */
function namesIn(kind: Kind, text: string): string[] {
  // A URN (urn:ietf:params:scim:api:messages:2.0:Error, the SCIM RFCs' schema ids) is a standard's name whose
  // colon-separated parts are its words, not ours: it names a subgraph only as a whole or in a path segment.
  if (kind === 'string' && /^urn:/i.test(text)) return text.split('/').filter((segment) => NAMES.has(segment));
  return words(text).filter((word) => NAMES.has(word));
}

/** Lower-cased words: split at anything not a letter or digit, then at camelCase humps (MEDIA_ROUTES, identityUrl; setImmediate is set + immediate). */
function words(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .map((word) => word.toLowerCase());
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe('the gateway source', () => {
  it('names no subgraph in code, strings or comments', () => {
    const files = sourceFiles(GATEWAY_SRC);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) => findNames(path.relative(GATEWAY_SRC, file), fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('the subgraph-name scan', () => {
  it('flags names in strings, template parts, path segments, identifiers and comments', () => {
    const sample = [
      "const a = 'identity';",
      'const b = `/media/${id}`;',
      'const c = `${base}/media`;',
      'const d = "directory";',
      "const e = 'sent to the directory as a notice';",
      'const identityUrl = 1;',
      'const MEDIA_ROUTES = 2;',
      'class AccessDirectory {}',
      '// the identity subgraph answers',
      '/** Media downloads */',
      'const f = /^\\/media\\//;',
      "const g = 'urn:example:files/okr';",
    ].join('\n');
    expect(findNames('sample.ts', sample).map((finding) => finding.split(' ')[0])).toEqual(
      sample.split('\n').map((_line, index) => `sample.ts:${index + 1}`),
    );
  });

  it('passes words that merely contain a name, and standard URNs', () => {
    const sample = [
      'setImmediate(() => undefined);',
      'const identities = new Map();',
      "const schema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';",
      '// multimedia, directoryless',
    ].join('\n');
    expect(findNames('sample.ts', sample)).toEqual([]);
  });
});
