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
 * A configurable basemap (e.g. basemap.de) will have to add its host to connect-src and img-src.
 */
export function contentSecurityPolicy(
  options: { styleHashes?: string[]; frameAncestors?: string } = {},
): string {
  const styles = ["'self'", ...(options.styleHashes ?? []).map((h) => `'${h}'`)].join(' ')
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors ?? "'none'"}`,
  ].join('; ')
}

/** The CSP hash source (`sha256-…`) of an inline `<style>` or `<script>` body. */
export const cspHash = (text: string) =>
  `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`

/**
 * Paths that other sites may show in a frame: only the (future) embed mode of the atlas. Every
 * other page forbids framing (clickjacking).
 */
export const isEmbedPath = (url: string) => url === '/embed' || /^\/embed[/?#]/.test(url)

const DEFAULT_CSP = contentSecurityPolicy()
const EMBED_CSP = contentSecurityPolicy({ frameAncestors: '*' })

/** Headers every answer carries (besides the CSP). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
}

function applyHeaders(request: FastifyRequest, set: (name: string, value: string) => void) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) set(name, value)
  const embed = isEmbedPath(request.url)
  if (!embed) set('x-frame-options', 'DENY')
  if (isSecureRequest(request)) set('strict-transport-security', 'max-age=31536000')
  return embed ? EMBED_CSP : DEFAULT_CSP
}

/** Adds the security headers to every answer of the server. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const csp = applyHeaders(request, (name, value) => {
      if (!reply.hasHeader(name)) reply.header(name, value)
    })
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', csp)
    return payload
  })
}
