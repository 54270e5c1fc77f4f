import { lazy, Suspense, useEffect } from 'react'

import { api } from './http/client.js'
import type { Organisation } from './http/types.js'
import { useAsync } from './hooks/useAsync.js'
import { useI18n } from './i18n/I18nProvider.js'
import { OverviewPage } from './overview/OverviewPage.js'
import { Footer } from './shell/Footer.js'
import { Header } from './shell/Header.js'
import { hrefFor, isEmbed, pageAt, type PageId } from './shell/routes.js'
import { ErrorMessage, Loading } from './shell/Status.js'

// Pages other than the overview load on demand, so the first page does not wait for them.
const AtlasPage = lazy(() => import('./atlas/AtlasPage.js').then((m) => ({ default: m.AtlasPage })))
const AnalysisPage = lazy(() =>
  import('./analysis/AnalysisPage.js').then((m) => ({ default: m.AnalysisPage })),
)
const ProfilePage = lazy(() =>
  import('./profile/ProfilePage.js').then((m) => ({ default: m.ProfilePage })),
)
const ReportsPage = lazy(() =>
  import('./reports/ReportsPage.js').then((m) => ({ default: m.ReportsPage })),
)
const SignInPage = lazy(() =>
  import('./account/SignInPage.js').then((m) => ({ default: m.SignInPage })),
)

const TITLE_KEYS = {
  overview: 'overview.title',
  atlas: 'atlas.title',
  analysis: 'analysis.title',
  reports: 'reports.title',
  profile: 'profile.title',
  signin: 'account.title',
} as const satisfies Record<PageId, string>

/** The page component for `page`. */
function PageContent({ page, organisation }: { page: PageId; organisation: Organisation }) {
  switch (page) {
    case 'overview':
      return <OverviewPage organisation={organisation} />
    case 'atlas':
      return <AtlasPage organisation={organisation} />
    case 'analysis':
      return <AnalysisPage organisation={organisation} />
    case 'reports':
      return <ReportsPage organisation={organisation} />
    case 'profile':
      return <ProfilePage organisation={organisation} />
    case 'signin':
      return <SignInPage organisation={organisation} />
  }
}

/**
 * The shell: skip link, banner, navigation, the current page and the footer. The organisation is
 * the one named by `?org=slug`, otherwise the first one the server lists.
 */
export function App() {
  const { t } = useI18n()
  const params = new URLSearchParams(window.location.search)
  const orgParam = params.get('org')
  const page = pageAt(window.location.pathname)
  const embed = isEmbed(window.location.search)

  const list = useAsync(
    () => (orgParam ? Promise.resolve([]) : api.organisations()),
    orgParam ? '' : 'list',
  )
  const slug = orgParam ?? (list.status === 'ready' ? list.data[0]?.slug : undefined)
  const organisation = useAsync<Organisation | null>(
    () => (slug ? api.organisation(slug) : Promise.resolve(null)),
    slug ?? '',
  )
  const org = organisation.status === 'ready' ? organisation.data : null

  useEffect(() => {
    const parts = [page ? t(TITLE_KEYS[page]) : null, org?.name, t('app.name')]
    document.title = parts.filter(Boolean).join(' – ')
  }, [t, org, page])

  let content
  if (page === undefined) {
    content = (
      <div className="container page">
        <h1>{t('error.pageNotFound', { path: window.location.pathname })}</h1>
        <p>
          <a href={hrefFor('/', orgParam)}>{t('error.toOverview')}</a>
        </p>
      </div>
    )
  } else if (list.status === 'error') {
    content = <ErrorMessage title={t('error.orgs')} error={list.error} onRetry={list.retry} />
  } else if (list.status === 'ready' && !slug) {
    content = <ErrorMessage title={t('error.noOrgs')} />
  } else if (organisation.status === 'error') {
    content = (
      <ErrorMessage
        title={t('error.org', { slug: slug ?? '' })}
        error={organisation.error}
        onRetry={organisation.retry}
      />
    )
  } else if (!org) {
    content = <Loading />
  } else {
    content = (
      <Suspense fallback={<Loading />}>
        <PageContent page={page} organisation={org} />
      </Suspense>
    )
  }

  if (embed) {
    return (
      <main id="main" className="site-main site-main--embed" tabIndex={-1}>
        {page !== undefined && !org ? <div className="container page">{content}</div> : content}
      </main>
    )
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header organisation={org} orgParam={orgParam} page={page} />
      <main id="main" className="site-main" tabIndex={-1}>
        {page !== undefined && !org ? <div className="container page">{content}</div> : content}
      </main>
      <Footer />
    </>
  )
}
