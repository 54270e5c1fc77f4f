import { z } from 'zod'

import { ERROR_CODES } from './errors.js'
import type { RouteSpec } from './routes.js'

const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe(`one of ${Object.keys(ERROR_CODES).join(', ')}`),
    message: z.string().describe('what was expected, where, and what came instead'),
    details: z.unknown().optional(),
  }),
})

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return rest
}

/** Turns the declared routes into an OpenAPI 3.1 document. */
export function openApiDocument(
  routes: RouteSpec[],
  info: { title: string; version: string; description: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const spec of routes) {
    const path = `/api${spec.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`
    const parameters: Record<string, unknown>[] = []
    for (const [where, type] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
      if (!type) continue
      const json = schema(type, 'input') as {
        properties?: Record<string, Record<string, unknown>>
        required?: string[]
      }
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const { description, ...propertySchema } = property
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(description ? { description } : {}),
          schema: propertySchema,
        })
      }
    }
    const content: Record<string, unknown> = {
      'application/json': spec.response ? { schema: schema(spec.response) } : {},
    }
    for (const type of spec.produces ?? []) content[type] = {}
    const errorResponses: Record<string, unknown> = {}
    for (const code of ['VALIDATION_FAILED', ...(spec.errors ?? [])]) {
      const status = String(ERROR_CODES[code as keyof typeof ERROR_CODES] ?? 400)
      errorResponses[status] = {
        description: code,
        content: { 'application/json': { schema: schema(ErrorBody) } },
      }
    }
    paths[path] ??= {}
    paths[path][spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: spec.tags,
      parameters,
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: { '200': { description: 'OK', content }, ...errorResponses },
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
  }
}
