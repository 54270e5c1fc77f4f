/**
 * Security headers on every answer (web app, API, errors, 404s): a strict Content-Security-Policy
 * and the usual browser hardening. A route may set its own Content-Security-Policy (e.g. the API
 * docs page with the hash of its inline style); it is then left alone.
 */
import { createHash } from 'node:crypto'

import type { FastifyInstance, FastifyRequest } from 'fastify'

import { isSecureRequest } from './auth.js'

/**
 * The policy of the web app. Everything is served by us (no CDN, fonts or tiles by default):
 * - scripts and styles only from files (React's `style={…}` uses the CSSOM, which CSP allows);
 * - images also as data: (the favicon, an organisation's logo) and blob: (MapLibre decodes
 *   images through blob URLs);
 * - workers: MapLibre's worker is a file of ours (setWorkerUrl in web/overview/AreaMap.tsx); blob:
 *   stays allowed because MapLibre falls back to a blob worker when the file is cross-origin.
 * - `mapOrigins`: the operator's basemap (config.ts, PLANRAUM_BASEMAP_*). MapLibre fetches its
 *   style, tiles, glyphs and sprites with fetch (connect-src) and shows images (img-src); nothing
 *   else is widened. Without a basemap the policy names no other host.
 *
 * @example contentSecurityPolicy({ mapOrigins: ['https://tiles.example.org'] })
 * // "… img-src 'self' data: blob: https://tiles.example.org; … connect-src 'self' https://tiles.example.org; …"
 */
export function contentSecurityPolicy(
  options: { styleHashes?: string[]; frameAncestors?: string; mapOrigins?: readonly string[] } = {},
): string {
  const styles = ["'self'", ...(options.styleHashes ?? []).map((h) => `'${h}'`)].join(' ')
  const map = (options.mapOrigins ?? []).map((origin) => ` ${cspOrigin(origin)}`).join('')
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    `img-src 'self' data: blob:${map}`,
    "font-src 'self'",
    `connect-src 'self'${map}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
  ].join('; ')
}

/** An origin as a CSP source; refuses what could end the directive or the policy. */
function cspOrigin(origin: string): string {
  if (!/^https?:\/\/[A-Za-z0-9.*\-[\]:]+$/.test(origin)) {
    throw new Error(
      `A basemap origin for the CSP must look like https://host[:port], got "${origin}".`,
    )
  }
  return origin
}

/** The CSP hash source (`sha256-…`) of an inline `<style>` or `<script>` body. */
export const cspHash = (text: string) =>
  `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`

/**
 * Paths that other sites may show in a frame: only the (future) embed mode of the atlas. Every
 * other page forbids framing (clickjacking).
 */
export const isEmbedPath = (url: string) => url === '/embed' || /^\/embed[/?#]/.test(url)

/** Headers every answer carries (besides the CSP). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
}

/** Sets the headers; answers whether the request is for an embeddable page. */
function applyHeaders(request: FastifyRequest, set: (name: string, value: string) => void) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) set(name, value)
  const embed = isEmbedPath(request.url)
  if (!embed) set('x-frame-options', 'DENY')
  if (isSecureRequest(request)) set('strict-transport-security', 'max-age=31536000')
  return embed
}

/**
 * Adds the security headers to every answer of the server; `mapOrigins` are the basemap's hosts
 * (see contentSecurityPolicy).
 */
export function registerSecurityHeaders(
  app: FastifyInstance,
  options: { mapOrigins?: readonly string[] } = {},
): void {
  const policy = contentSecurityPolicy({ mapOrigins: options.mapOrigins })
  const embedPolicy = contentSecurityPolicy({
    frameAncestors: '*',
    mapOrigins: options.mapOrigins,
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const embed = applyHeaders(request, (name, value) => {
      if (!reply.hasHeader(name)) reply.header(name, value)
    })
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', embed ? embedPolicy : policy)
    }
    return payload
  })
}
