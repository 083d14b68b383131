/**
 * The parser of `recommended-type-checked`: typescript-eslint's, with the project service, and one
 * difference. A TypeScript file that no tsconfig includes (a Next.js app's root tsconfig often
 * excludes `supabase/functions/**`) makes the project service throw "was not found by the project
 * service", and ESLint then reports a parse error instead of linting the file. Every rule of this
 * plugin works without types, so such a file is parsed again without a program and linted as
 * `recommended` would lint it.
 */
import * as typescriptParser from '@typescript-eslint/parser';
import { PACKAGE_JSON } from './package-info.js';

/** The project service (or a `project` list) does not cover this file. */
export function isOutsideProject(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /was not found by the project service|allowDefaultProject|was not found in any of the provided project|not included in this project|parserOptions\.project/i.test(message);
}

type ParserOptions = NonNullable<Parameters<typeof typescriptParser.parseForESLint>[1]>;

export const typeCheckedParser = {
  meta: { name: `${PACKAGE_JSON.name}/type-checked-parser`, version: PACKAGE_JSON.version },
  parseForESLint(code: string, options?: ParserOptions): ReturnType<typeof typescriptParser.parseForESLint> {
    try {
      return typescriptParser.parseForESLint(code, options);
    } catch (error) {
      if (!isOutsideProject(error)) throw error;
      const { projectService: _projectService, project: _project, programs: _programs, ...withoutProgram } = options ?? {};
      return typescriptParser.parseForESLint(code, withoutProgram);
    }
  },
} as const;
