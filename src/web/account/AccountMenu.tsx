import './account.css'

import { useEffect, useRef, useState } from 'react'

import type { MessageKey } from '../i18n/index.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { hrefFor } from '../shell/routes.js'
import { currentPath } from './next.js'
import { seesInternalData, useSession, type SessionState } from './session.js'

const ROLE_KEYS: Record<string, MessageKey> = {
  admin: 'account.role.admin',
  planner: 'account.role.planner',
  specialist: 'account.role.specialist',
  provider: 'account.role.provider',
  council: 'account.role.council',
}

/** The role in the UI language (an unknown role as the server names it). */
export function useRoleName(): (role: string) => string {
  const { t } = useI18n()
  return (role) => (ROLE_KEYS[role] ? t(ROLE_KEYS[role]) : role)
}

/**
 * Reloads the page when a session ends (signed out here, expired, or ended in another tab): pages
 * fetched exact values while signed in, and the API client caches answers for the page's life, so
 * only a fresh page is sure to show nothing but public data.
 */
function useReloadWhenSessionEnds(state: SessionState) {
  const previous = useRef(state.status)
  useEffect(() => {
    const was = previous.current
    previous.current = state.status
    if (was === 'signed-in' && state.status === 'anonymous') window.location.reload()
  }, [state.status])
}

/**
 * "Interne Ansicht": shown whenever the server answers this visitor with exact values and
 * unpublished indicators of the organisation, so staff never mistake them for public figures.
 */
export function InternalBadge({ organisation }: { organisation: string }) {
  const { t } = useI18n()
  const session = useSession()
  if (!seesInternalData(session, organisation)) return null
  const areaCount = session.user?.areaCount ?? null
  return (
    <span className="badge badge--internal" data-testid="internal-badge">
      {t('account.internalBadge')}
      <span className="visually-hidden">
        {': '}
        {areaCount === null
          ? t('account.internalHint')
          : t('account.internalScoped', { count: areaCount })}
      </span>
    </span>
  )
}

/**
 * The account part of the banner: "Anmelden" (back to this page afterwards) for the public; name,
 * role and "Abmelden" when signed in. Nothing while the session is still being asked for.
 */
export function AccountMenu({
  orgParam,
  onSignInPage,
}: {
  orgParam: string | null
  onSignInPage: boolean
}) {
  const { t } = useI18n()
  const roleName = useRoleName()
  const session = useSession()
  const [signingOut, setSigningOut] = useState(false)
  const [failed, setFailed] = useState(false)
  useReloadWhenSessionEnds(session)

  if (session.status === 'loading') return <div className="account-menu" />

  if (session.status === 'anonymous') {
    return (
      <div className="account-menu" data-testid="account-menu">
        {!onSignInPage && (
          <a
            className="account-menu__signin"
            href={hrefFor('/anmelden', orgParam, { next: currentPath(window.location) })}
          >
            {t('account.signIn')}
          </a>
        )}
      </div>
    )
  }

  const { user } = session
  const signOut = async () => {
    if (signingOut) return
    setSigningOut(true)
    setFailed(false)
    try {
      await session.signOut()
      // The reload follows from useReloadWhenSessionEnds.
    } catch {
      setSigningOut(false)
      setFailed(true)
    }
  }

  return (
    <div className="account-menu" data-testid="account-menu">
      <p className="account-menu__user">
        <span className="visually-hidden">{t('account.signedInAs')} </span>
        {/* The name alone keeps the banner on one line; the address is in the tooltip. */}
        <span className="account-menu__name" title={user.email}>
          {user.displayName || user.email}
        </span>
        <span className="account-menu__detail">{roleName(user.role)}</span>
      </p>
      <button
        type="button"
        className="button button--secondary account-menu__signout"
        aria-disabled={signingOut}
        onClick={() => void signOut()}
      >
        {t('account.signOut')}
      </button>
      {failed && (
        <p className="account-menu__error" role="alert">
          {t('account.signOutFailed')}
        </p>
      )}
    </div>
  )
}
