/**
 * The pages of the app and the navigation built from them. A page appears in the navigation only
 * once it exists (no dead links); the atlas, reports and planning pages are added here.
 */
import type { MessageKey } from '../i18n/index.js'

export type PageId = 'overview'

export interface NavItem {
  page: PageId
  path: string
  labelKey: MessageKey
}

export const NAV_ITEMS: readonly NavItem[] = [
  { page: 'overview', path: '/', labelKey: 'nav.overview' },
]

/** The page at `pathname` (trailing slashes ignored); undefined when there is none. */
export function pageAt(pathname: string): PageId | undefined {
  const normalised = pathname.replace(/\/+$/, '') || '/'
  return NAV_ITEMS.find((item) => item.path === normalised)?.page
}

/**
 * A link to `path` that keeps the chosen organisation (`?org=`).
 *
 * @example hrefFor('/', 'musterstadt') // '/?org=musterstadt'
 */
export function hrefFor(path: string, org: string | null): string {
  return org ? `${path}?${new URLSearchParams({ org }).toString()}` : path
}
