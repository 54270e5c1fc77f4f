/**
 * Where the sign-in page may send the browser afterwards. `next` comes from the URL, so anyone can
 * craft a link: only paths of this site are followed (no open redirect to a look-alike sign-in page).
 */

// Any base works: only "does the URL stay on it" matters. `.invalid` can never resolve (RFC 2606).
const BASE = 'https://planraum.invalid'
const MAX_LENGTH = 2000

// \s above covers tabs, newlines and Unicode spaces; this the other C0 controls and DEL.
const hasControlCharacter = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)

/**
 * `next` when it is a path on this site, else `fallback`. Refused: absolute and scheme-relative
 * URLs (`https://…`, `//host`, `/\host`, which browsers read as `//host`), control characters and
 * whitespace (browsers drop tabs and newlines, so `/\t/host` would become `//host`), the sign-in
 * page itself (a loop) and the API.
 *
 * @example safeNextPath('/atlas?org=musterstadt', '/') // '/atlas?org=musterstadt'
 * @example safeNextPath('//evil.example/login', '/') // '/'
 */
export function safeNextPath(next: string | null | undefined, fallback: string): string {
  if (!next || next.length > MAX_LENGTH) return fallback
  if (!next.startsWith('/') || next.startsWith('//')) return fallback
  if (/[\\\s]/.test(next) || hasControlCharacter(next)) return fallback
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const path = url.pathname.replace(/\/+$/, '') || '/'
  if (path === '/anmelden' || path === '/api' || path.startsWith('/api/')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

/**
 * The current location as a `next` value (path, query and fragment).
 *
 * @example currentPath({ pathname: '/atlas', search: '?org=x', hash: '' }) // '/atlas?org=x'
 */
export function currentPath(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  return `${location.pathname}${location.search}${location.hash}`
}
