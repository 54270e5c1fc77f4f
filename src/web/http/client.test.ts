import { describe, expect, it } from 'vitest'

import { ApiRequestError, createApi, type FetchLike, getJson } from './client.js'

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

function fakeFetch(answers: Record<string, () => Response | Promise<Response>>) {
  const calls: string[] = []
  const fetchImpl: FetchLike = async (url) => {
    calls.push(url)
    const answer = answers[url]
    if (!answer) throw new TypeError('Failed to fetch')
    return answer()
  }
  return { fetchImpl, calls }
}

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiRequestError) return error
    throw error
  }
  throw new Error('Expected the request to fail.')
}

describe('getJson', () => {
  it('returns the parsed body', async () => {
    const { fetchImpl } = fakeFetch({ '/api/health': () => json(200, { status: 'ok' }) })
    expect(await getJson('/api/health', fetchImpl)).toEqual({ status: 'ok' })
  })

  it('reports the coded server error with status and message', async () => {
    const { fetchImpl } = fakeFetch({
      '/api/orgs/x': () =>
        json(404, { error: { code: 'NOT_FOUND', message: 'Organisation "x" does not exist.' } }),
    })
    const error = await failure(getJson('/api/orgs/x', fetchImpl))
    expect(error.kind).toBe('http')
    expect(error.status).toBe(404)
    expect(error.code).toBe('NOT_FOUND')
    expect(error.serverMessage).toBe('Organisation "x" does not exist.')
    expect(error.message).toBe(
      'GET /api/orgs/x answered HTTP 404 NOT_FOUND: Organisation "x" does not exist.',
    )
  })

  it('reports an HTTP error without a JSON body', async () => {
    const { fetchImpl } = fakeFetch({
      '/api/x': () => new Response('Bad gateway', { status: 502 }),
    })
    const error = await failure(getJson('/api/x', fetchImpl))
    expect(error.kind).toBe('http')
    expect(error.status).toBe(502)
  })

  it('reports an answer that is not JSON', async () => {
    const { fetchImpl } = fakeFetch({ '/api/x': () => new Response('<html>', { status: 200 }) })
    expect((await failure(getJson('/api/x', fetchImpl))).kind).toBe('invalid')
  })

  it('reports an unreachable server', async () => {
    const { fetchImpl } = fakeFetch({})
    const error = await failure(getJson('/api/health', fetchImpl))
    expect(error.kind).toBe('network')
    expect(error.message).toBe('GET /api/health failed: Failed to fetch')
  })
})

describe('createApi', () => {
  it('builds the documented URLs and caches answers', async () => {
    const collection = { type: 'FeatureCollection', features: [] }
    const { fetchImpl, calls } = fakeFetch({
      '/api/orgs/muster%20stadt/areas?layer=sozialraum': () => json(200, collection),
      '/api/orgs/m/population?layer=stadtbezirk&period=2024': () =>
        json(200, { layer: 'stadtbezirk', period: 2024, values: [] }),
    })
    const api = createApi(fetchImpl)
    expect(await api.areas('muster stadt', 'sozialraum')).toEqual(collection)
    await api.areas('muster stadt', 'sozialraum')
    expect(calls).toHaveLength(1)
    expect((await api.population('m', 'stadtbezirk', 2024)).period).toBe(2024)
  })

  it('checks the outline of an answer', async () => {
    const { fetchImpl } = fakeFetch({ '/api/orgs': () => json(200, { orgs: [] }) })
    const error = await failure(createApi(fetchImpl).organisations())
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('GET /api/orgs did not answer with a list.')
  })

  it('forgets failed requests so that trying again asks the server again', async () => {
    let attempt = 0
    const { fetchImpl, calls } = fakeFetch({
      '/api/orgs': () =>
        ++attempt === 1 ? json(500, { error: { code: 'INTERNAL', message: 'x' } }) : json(200, []),
    })
    const api = createApi(fetchImpl)
    await failure(api.organisations())
    expect(await api.organisations()).toEqual([])
    expect(calls).toHaveLength(2)
  })
})
