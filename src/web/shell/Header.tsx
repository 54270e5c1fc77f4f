import { AccountMenu, InternalBadge } from '../account/AccountMenu.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { LanguageSwitch } from './LanguageSwitch.js'
import { hrefFor, NAV_ITEMS, type PageId } from './routes.js'

/**
 * The banner: product, organisation (with the "Interne Ansicht" badge for staff who see exact
 * values), account and language; then the main navigation.
 */
export function Header({
  organisation,
  orgParam,
  page,
}: {
  organisation: { slug: string; name: string; isDemo: boolean } | null
  orgParam: string | null
  page: PageId | undefined
}) {
  const { t } = useI18n()
  return (
    <>
      <header className="site-header">
        <div className="container site-header__inner">
          <a className="brand" href={hrefFor('/', orgParam)}>
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </a>
          {organisation && (
            <p className="site-header__org">
              {organisation.name}
              {organisation.isDemo && <span className="badge">Demo</span>}
              <InternalBadge organisation={organisation.slug} />
            </p>
          )}
          <AccountMenu orgParam={orgParam} onSignInPage={page === 'signin'} />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <div className="container">
          <ul className="site-nav__list">
            {NAV_ITEMS.map((item) => (
              <li key={item.page}>
                <a
                  className="site-nav__link"
                  href={hrefFor(item.path, orgParam)}
                  aria-current={item.page === page ? 'page' : undefined}
                >
                  {t(item.labelKey)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </nav>
    </>
  )
}
