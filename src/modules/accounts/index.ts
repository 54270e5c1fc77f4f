/** What other modules and the CLI may use of accounts. */
export { accountsModule, type AccountsOptions } from './module.js'
export {
  PERMISSION_RULES,
  PERMISSIONS,
  ROLES,
  permissionsOf,
  isPermission,
  type Permission,
  type Role,
} from './permissions.js'
export { recordAudit, listAudit, auditCsv, type AuditEntry, type CommandContext } from './audit.js'
export { inAreaScope, requireAreasInScope, areaScopeParam, resolveAreaScope } from './scope.js'
export { createAuthenticator, sessionActor, tokenActor } from './authenticate.js'
export { createUser, normalizeEmail, type CreateUserInput } from './commands/createUser.js'
export { setPassword } from './commands/setPassword.js'
export {
  login,
  startSession,
  LoginGuard,
  DEFAULT_LOGIN_POLICY,
  DEFAULT_SESSION,
  type LoginPolicy,
  type SessionSettings,
  type NewSession,
} from './commands/login.js'
export { logout } from './commands/logout.js'
export { issuePasswordReset, type PasswordResetLink } from './commands/issuePasswordReset.js'
export { resetPassword } from './commands/resetPassword.js'
export { createApiToken } from './commands/createApiToken.js'
export { revokeApiToken } from './commands/revokeApiToken.js'
export { updateMember } from './commands/updateMember.js'
export {
  updateOrganizationSettings,
  organizationSettings,
  type OrganizationSettings,
} from './commands/updateOrganizationSettings.js'
export { ensureFirstAdmin, type FirstAdmin } from './commands/ensureFirstAdmin.js'
export {
  findAccountByEmail,
  findMember,
  listMembers,
  listTokens,
  type MemberSummary,
  type TokenSummary,
  type AreaRef,
} from './queries.js'
export { generatePassword, hashPassword, verifyPassword, PASSWORD_MIN } from './password.js'
