/**
 * The pages of the app and the navigation built from them. A page appears in the navigation only
 * once it exists (no dead links). Pages reached from other pages (an area profile, the sign-in)
 * are routable but not in the navigation.
 */
import type { MessageKey } from '../i18n/index.js'

export type PageId = 'overview' | 'atlas' | 'analysis' | 'reports' | 'profile' | 'signin'

export interface NavItem {
  page: PageId
  path: string
  labelKey: MessageKey
}

export const NAV_ITEMS: readonly NavItem[] = [
  { page: 'overview', path: '/', labelKey: 'nav.overview' },
  { page: 'atlas', path: '/atlas', labelKey: 'nav.atlas' },
  { page: 'analysis', path: '/analyse', labelKey: 'nav.analysis' },
  { page: 'reports', path: '/berichte', labelKey: 'nav.reports' },
]

/** Routable pages that are not in the navigation. */
const OTHER_PAGES: readonly { page: PageId; path: string }[] = [
  { page: 'profile', path: '/steckbrief' },
  { page: 'signin', path: '/anmelden' },
]

/** The page at `pathname` (trailing slashes ignored); undefined when there is none. */
export function pageAt(pathname: string): PageId | undefined {
  const normalised = pathname.replace(/\/+$/, '') || '/'
  return [...NAV_ITEMS, ...OTHER_PAGES].find((item) => item.path === normalised)?.page
}

/**
 * A link to `path` that keeps the chosen organisation (`?org=`), with further query parameters.
 *
 * @example hrefFor('/', 'musterstadt') // '/?org=musterstadt'
 * @example hrefFor('/steckbrief', 'musterstadt', { area: '01' }) // '/steckbrief?org=musterstadt&area=01'
 */
export function hrefFor(
  path: string,
  org: string | null,
  params: Record<string, string | number | undefined> = {},
): string {
  const query = new URLSearchParams()
  if (org) query.set('org', org)
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value))
  }
  const text = query.toString()
  return text ? `${path}?${text}` : path
}

/** Embed mode (`?embed=1`): the page without banner, navigation and footer, e.g. in an iframe. */
export function isEmbed(search: string): boolean {
  const value = new URLSearchParams(search).get('embed')
  return value === '1' || value === 'true'
}
