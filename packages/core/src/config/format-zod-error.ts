import type { ZodError } from 'zod';

/** Renders zod issues as `path.to.field: message` lines, one per issue. */
export function formatZodIssues(error: ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    return `${path || '(root)'}: ${issue.message}`;
  });
}
