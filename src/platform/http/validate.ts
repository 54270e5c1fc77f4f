import type { z } from 'zod'

import { ApiError } from './errors.js'

/**
 * Parses request input with a zod schema; failures become VALIDATION_FAILED errors that say where
 * (e.g. `query.layer`), what was expected and what came instead.
 *
 * @example const { layer } = parseInput(LayerQuery, request.query, 'query')
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].join('.')
    return { path, message: issue.message }
  })
  throw new ApiError(
    'VALIDATION_FAILED',
    problems.map((p) => `${p.path}: ${p.message}`).join('; '),
    problems,
  )
}
