import './account.css'

import { useRef, useState, type FormEvent } from 'react'

import type { Organisation } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { hrefFor } from '../shell/routes.js'
import { checkSignIn, describeSignInFailure, type FormProblem, type SignInField } from './form.js'
import { safeNextPath } from './next.js'
import { signIn, useSession } from './session.js'

const FIELD_IDS: Record<SignInField, string> = {
  email: 'signin-email',
  password: 'signin-password',
}

/**
 * The sign-in page (`/anmelden?org=<slug>&next=<path>`): email and password for the organisation,
 * an error summary that takes the focus, then a full page load of `next` (a path of this site
 * only), so every page fetches its data again with the session.
 */
export function SignInPage({ organisation }: { organisation: Organisation }) {
  const { t } = useI18n()
  const session = useSession()
  const params = new URLSearchParams(window.location.search)
  const next = safeNextPath(params.get('next'), hrefFor('/', params.get('org')))

  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problems, setProblems] = useState<FormProblem[]>([])
  const [pending, setPending] = useState(false)
  const summary = useRef<HTMLDivElement>(null)

  const show = (found: FormProblem[]) => {
    setProblems(found)
    // After React has rendered the summary: move the focus there so it is read out at once.
    requestAnimationFrame(() => summary.current?.focus())
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (pending) return
    const found = checkSignIn({ email, password })
    if (found.length > 0) return show(found)
    setPending(true)
    try {
      await signIn(email.trim(), password, organisation.slug)
      window.location.assign(next)
    } catch (error) {
      setPending(false)
      setPassword('')
      show([describeSignInFailure(error, organisation.name)])
    }
  }

  const problemOf = (field: SignInField) => problems.find((p) => p.field === field)
  const fieldProps = (field: SignInField) => {
    const problem = problemOf(field)
    return {
      id: FIELD_IDS[field],
      name: field,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${FIELD_IDS[field]}-error` : undefined,
    }
  }
  const fieldError = (field: SignInField) => {
    const problem = problemOf(field)
    return (
      problem && (
        <p className="field__error" id={`${FIELD_IDS[field]}-error`}>
          {t(problem.key, problem.params)}
        </p>
      )
    )
  }

  const here = session.status === 'signed-in' && session.user.organisation === organisation.slug

  return (
    <div className="container page signin">
      <h1>{t('account.title')}</h1>
      <p className="lead">{t('account.lead', { org: organisation.name })}</p>

      {here ? (
        <div className="signin__done">
          <p>
            {t('account.signedInHere', { name: session.user.displayName || session.user.email })}
          </p>
          <p>
            <a className="button button--primary" href={next}>
              {t('account.continue')}
            </a>
          </p>
        </div>
      ) : (
        <>
          {session.status === 'signed-in' && (
            <p className="note">
              {t('account.signedInElsewhere', { org: session.user.organisation })}
            </p>
          )}
          {problems.length > 0 && (
            <div
              ref={summary}
              className="alert error-summary"
              role="alert"
              tabIndex={-1}
              aria-labelledby="signin-error-title"
              data-testid="signin-errors"
            >
              <p className="alert__title" id="signin-error-title">
                {t('account.errorTitle')}
              </p>
              <ul className="error-summary__list">
                {problems.map((problem) => (
                  <li key={`${problem.field ?? 'server'}:${problem.key}`}>
                    {problem.field ? (
                      <a
                        href={`#${FIELD_IDS[problem.field]}`}
                        onClick={(event) => {
                          event.preventDefault()
                          document.getElementById(FIELD_IDS[problem.field!])?.focus()
                        }}
                      >
                        {t(problem.key, problem.params)}
                      </a>
                    ) : (
                      t(problem.key, problem.params)
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <form
            className="signin__form"
            method="post"
            noValidate
            onSubmit={(event) => void submit(event)}
            aria-busy={pending || undefined}
          >
            <div className={`field${problemOf('email') ? ' field--error' : ''}`}>
              <label htmlFor={FIELD_IDS.email}>{t('account.email')}</label>
              {fieldError('email')}
              <input
                {...fieldProps('email')}
                type="email"
                inputMode="email"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className={`field${problemOf('password') ? ' field--error' : ''}`}>
              <label htmlFor={FIELD_IDS.password}>{t('account.password')}</label>
              {fieldError('password')}
              <input
                {...fieldProps('password')}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button type="submit" className="button button--primary" aria-disabled={pending}>
              {pending ? t('account.submitting') : t('account.submit')}
            </button>
          </form>
          <p className="hint">{t('account.resetHint')}</p>
        </>
      )}
      <p className="muted">{t('account.publicNote')}</p>
    </div>
  )
}
