/**
 * Compression of answers: which content types are worth it, which encoding a client prefers, and
 * answers compressed once and kept (a layer's topology is asked for again and again; compressing
 * its megabytes anew each time would cost more on a fast network than it saves).
 *
 * Everything else is compressed per request by @fastify/compress (server.ts); the web app's files
 * are compressed when they are built (scripts/precompress.js) and served as they lie.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

import type { FastifyReply, FastifyRequest } from 'fastify'

/** Answers smaller than this are sent as they are: compressing them gains less than it costs. */
export const COMPRESS_MIN_BYTES = 1024

/**
 * Content types worth compressing: text, JSON, XML, SVG, scripts and vector tiles (protocol
 * buffers of small delta-encoded integers: the demo's block tiles to about half). Not binary formats
 * that are compressed already (PDF, XLSX, DOCX, ZIP, images).
 */
export const COMPRESSIBLE =
  /^text\/(?!event-stream)|^application\/(?:javascript|ecmascript|vnd\.mapbox-vector-tile)|[+/](?:json|xml)(?:;|$)/

export type Encoding = 'br' | 'gzip'

/**
 * The encoding to answer with, from an Accept-Encoding header: Brotli before gzip at the same
 * weight, nothing that has `q=0`, `*` standing for both; null for none (send it as it is).
 *
 * @example preferredEncoding('gzip, deflate, br, zstd') // 'br'
 * @example preferredEncoding('gzip;q=1, br;q=0.5') // 'gzip'
 */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.toLowerCase().split(';')
    const token = name?.trim()
    if (!token) continue
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v)
    weights.set(token, q === undefined ? 1 : Number(q))
  }
  const weight = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0
  const best = (['br', 'gzip'] as const).reduce((a, b) => (weight(b) > weight(a) ? b : a))
  return weight(best) > 0 ? best : null
}

const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5 of 11: the us-atlas counties' topology (551 KB) in 29 ms to 143 KB; quality 9 took
  // 98 ms for 140 KB, 11 took 1.3 s for 117 KB. The first client after a data change waits for it.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
}

/**
 * A text answer that is compressed at most once per encoding, when a client first asks for it
 * (in libuv's thread pool, not on the event loop), with a weak ETag of its text: the same for
 * every encoding (RFC 9110 §8.8.1), so a repeat is answered 304 without sending anything.
 *
 * @example
 * const answer = new Precompressed(JSON.stringify(topology))
 * await answer.encoded('br') // Buffer, the same one for every later request
 */
export class Precompressed {
  readonly body: Buffer
  readonly etag: string
  private readonly encodings = new Map<Encoding, Promise<Buffer>>()

  constructor(text: string) {
    this.body = Buffer.from(text)
    this.etag = `W/"${createHash('sha1').update(this.body).digest('base64url')}"`
  }

  encoded(encoding: Encoding): Promise<Buffer> {
    let pending = this.encodings.get(encoding)
    if (!pending) {
      pending = compressors[encoding](this.body)
      this.encodings.set(encoding, pending)
      pending.catch(() => this.encodings.delete(encoding))
    }
    return pending
  }
}

/**
 * Sends a kept JSON answer in the encoding the client prefers, with its ETag (the server's
 * onSend hook answers a matching If-None-Match with 304 and sets Cache-Control).
 */
export async function sendPrecompressed(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: Precompressed,
): Promise<FastifyReply> {
  const encoding = preferredEncoding(request.headers['accept-encoding'])
  reply
    .type('application/json; charset=utf-8')
    .header('etag', answer.etag)
    .header('vary', 'accept-encoding')
  if (encoding === null) return reply.send(answer.body)
  return reply.header('content-encoding', encoding).send(await answer.encoded(encoding))
}
