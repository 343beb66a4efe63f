import { z } from 'zod';
import { ApiError } from './ApiError';

/**
 * Parses `input` with `schema`, throwing a 400 `VALIDATION_FAILED` {@link ApiError} that lists
 * each offending field when it does not match.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(issue => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new ApiError(
      'VALIDATION_FAILED',
      `Invalid input: ${issues.map(i => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return result.data;
}
