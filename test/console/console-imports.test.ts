import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { CONSOLE_SOURCE } from '../../console/build';

/** A module outside console/src the console may name: the staff API's answers, as types. */
const SHARED_API_TYPES = resolve(CONSOLE_SOURCE, '../../lambdas/domain/staff/staff-api.ts');
/**
 * The other, and the only one it may take values from: the request types' names, so the console and the
 * emails say the same (issue 18). Pure data whose own imports are types only (tested below), so the
 * console bundles a table of words and nothing else of the lambdas: no zod, no Node.js.
 */
const SHARED_REQUEST_TYPE_NAMES = resolve(
  CONSOLE_SOURCE,
  '../../lambdas/domain/requests/request-type-names.ts',
);

interface ConsoleImport {
  readonly file: string;
  readonly specifier: string;
  readonly target: string;
  /** `import type …` (or `export type … from`): erased by esbuild, so nothing of it reaches the bundle. */
  readonly typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): ConsoleImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) => {
    const declaration =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement : undefined;
    const specifier = declaration?.moduleSpecifier;
    if (declaration === undefined || specifier === undefined || !ts.isStringLiteral(specifier)) return [];
    const typeOnly = ts.isImportDeclaration(declaration)
      ? declaration.importClause?.isTypeOnly === true
      : declaration.isTypeOnly;
    const target = specifier.text.startsWith('.') ? resolve(dirname(file), `${specifier.text}.ts`) : '';
    return [{ file: relative(CONSOLE_SOURCE, file), specifier: specifier.text, target, typeOnly }];
  });
}

const inConsole = (path: string) => path.startsWith(`${CONSOLE_SOURCE}/`);

describe("the console's imports", () => {
  const imports = sourceFiles(CONSOLE_SOURCE).flatMap(importsOf);

  it("name only its own modules, the shared API types as types only, and the request types' names", () => {
    // Prepare
    const allowed = (found: ConsoleImport) =>
      inConsole(found.target) ||
      (found.target === SHARED_API_TYPES && found.typeOnly) ||
      found.target === SHARED_REQUEST_TYPE_NAMES;

    // Act
    const strays = imports.filter((found) => !allowed(found));

    // Assess
    expect(imports.length).toBeGreaterThan(50);
    expect(strays).toEqual([]);
  });

  it('read the staff API through the shared types', () => {
    // Prepare
    const readers = imports.filter((found) => found.target === SHARED_API_TYPES).map((found) => found.file);

    // Act
    const views = readers.filter((file) => file.startsWith('views/'));

    // Assess
    expect(views.length).toBeGreaterThan(5);
  });
});

describe('the shared API types', () => {
  it('import types only, so they bring no code and no Node.js into the console', () => {
    // Prepare
    const found = importsOf(SHARED_API_TYPES);

    // Act
    const runtime = found.filter((entry) => !entry.typeOnly).map((entry) => entry.specifier);

    // Assess
    expect(found.length).toBeGreaterThan(0);
    expect(runtime).toEqual([]);
  });
});

describe("the request types' names", () => {
  it('import types only, so the console bundles their words and no other code', () => {
    // Prepare
    const found = importsOf(SHARED_REQUEST_TYPE_NAMES);

    // Act
    const runtime = found.filter((entry) => !entry.typeOnly).map((entry) => entry.specifier);

    // Assess
    expect(found.length).toBeGreaterThan(0);
    expect(runtime).toEqual([]);
  });

  it('are what the console reads its type names from', () => {
    // Prepare
    const readers = sourceFiles(CONSOLE_SOURCE)
      .flatMap(importsOf)
      .filter((found) => found.target === SHARED_REQUEST_TYPE_NAMES);

    // Act
    const files = readers.map((found) => found.file);

    // Assess
    expect(files).toEqual(['i18n.ts']);
  });
});
