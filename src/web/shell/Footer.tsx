import { api } from '../http/client.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'

/** About the software: licence, version and which database the server runs on. */
export function Footer() {
  const { t } = useI18n()
  const health = useAsync(() => api.health(), 'health')
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__about">{t('footer.about')}</p>
        <ul className="site-footer__facts">
          <li>{t('footer.licence')}</li>
          {health.status === 'ready' && (
            <>
              <li>{t('footer.version', { version: health.data.version })}</li>
              <li>{t(`footer.database.${health.data.database}`)}</li>
            </>
          )}
        </ul>
      </div>
    </footer>
  )
}
