import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import { createAuthenticator } from './authenticate.js'
import {
  DEFAULT_LOGIN_POLICY,
  DEFAULT_SESSION,
  LoginGuard,
  type LoginPolicy,
  type SessionSettings,
} from './commands/login.js'
import { accountRoutes } from './http.js'
import { permissionDescriptions } from './permissions.js'

export interface AccountsOptions {
  session?: SessionSettings
  loginPolicy?: LoginPolicy
}

/**
 * Accounts: users, roles and area scopes per organisation, sessions, API tokens, password-reset
 * links, the audit log — and the authenticate step of every request (`authenticate`).
 */
export const accountsModule = (db: Database, options: AccountsOptions = {}): HttpModule => {
  const session = options.session ?? DEFAULT_SESSION
  const guard = new LoginGuard(options.loginPolicy ?? DEFAULT_LOGIN_POLICY)
  return {
    name: 'accounts',
    routes: accountRoutes(db, { session, guard }),
    permissions: permissionDescriptions(),
    authenticate: createAuthenticator(db, session),
  }
}
