import { describe, expect, it } from 'vitest'

import { ApiRequestError } from '../http/client.js'
import { translate } from '../i18n/index.js'
import { describeError } from './errors.js'

const t = translate.bind(null, 'de')

describe('describeError', () => {
  it('names the status, code, address and the server’s message', () => {
    const error = new ApiRequestError(
      'http',
      '/api/orgs/x',
      'GET /api/orgs/x answered HTTP 404 NOT_FOUND: Organisation "x" does not exist.',
      404,
      'NOT_FOUND',
      'Organisation "x" does not exist.',
    )
    expect(describeError(error, t)).toBe(
      'Der Server antwortete mit HTTP 404 NOT_FOUND (/api/orgs/x). Organisation "x" does not exist.',
    )
  })

  it('explains an unreachable server and a broken answer', () => {
    expect(describeError(new ApiRequestError('network', '/api/orgs', 'x'), t)).toBe(
      'Der Server ist nicht erreichbar (/api/orgs).',
    )
    expect(describeError(new ApiRequestError('invalid', '/api/orgs', 'x'), t)).toBe(
      'Die Antwort des Servers war kein gültiges JSON (/api/orgs).',
    )
  })

  it('suggests that the server is down when a proxy answers 502–504', () => {
    expect(describeError(new ApiRequestError('http', '/api/orgs', 'x', 502), t)).toBe(
      'Der Server antwortete mit HTTP 502 (/api/orgs). Der Planraum-Server ist nicht gestartet oder antwortet nicht.',
    )
  })

  it('passes other errors through', () => {
    expect(describeError(new Error('WebGL fehlt'), t)).toBe('WebGL fehlt')
  })
})
