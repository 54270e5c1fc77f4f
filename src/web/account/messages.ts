/**
 * UI strings of the account pages, merged into the app's dictionaries (i18n/de.ts, i18n/en.ts).
 * Keys start with `account.`; English must have every German key with the same placeholders.
 */
export const accountDe = {
  'account.title': 'Anmelden',
  'account.lead':
    'Für Mitarbeitende von {org}: Nach der Anmeldung sehen Sie genaue Werte und noch nicht veröffentlichte Kennzahlen.',
  'account.publicNote':
    'Ohne Anmeldung sehen alle den öffentlichen Atlas: nur veröffentlichte Kennzahlen, kleine Fallzahlen geheim gehalten.',
  'account.email': 'E-Mail-Adresse',
  'account.password': 'Passwort',
  'account.submit': 'Anmelden',
  'account.submitting': 'Anmeldung läuft …',
  'account.resetHint':
    'Passwort vergessen oder Konto gesperrt? Die Administration Ihrer Organisation kann Ihnen einen Link zum Zurücksetzen des Passworts geben.',
  'account.errorTitle': 'Die Anmeldung ist nicht gelungen',
  'account.error.emailMissing': 'Geben Sie Ihre E-Mail-Adresse ein.',
  'account.error.emailInvalid': 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
  'account.error.passwordMissing': 'Geben Sie Ihr Passwort ein.',
  'account.error.loginFailed':
    'E-Mail-Adresse oder Passwort sind falsch, oder dieses Konto darf sich bei {org} nicht anmelden.',
  'account.error.locked':
    'Zu viele fehlgeschlagene Anmeldungen: Das Konto ist für {minutes} Min. gesperrt. Versuchen Sie es danach erneut.',
  'account.error.rateLimited':
    'Zu viele Anmeldeversuche von diesem Gerät. Versuchen Sie es in {minutes} Min. erneut.',
  'account.error.network': 'Der Server ist nicht erreichbar. Versuchen Sie es später erneut.',
  'account.error.other': 'Der Server antwortete: {message}',
  'account.signedInHere': 'Sie sind bereits angemeldet als {name}.',
  'account.signedInElsewhere':
    'Sie sind bei der Organisation „{org}“ angemeldet. Eine Anmeldung hier beendet diese Sitzung.',
  'account.continue': 'Weiter',
  'account.menu': 'Konto',
  'account.signIn': 'Anmelden',
  'account.signOut': 'Abmelden',
  'account.signOutFailed': 'Abmelden ist fehlgeschlagen. Versuchen Sie es erneut.',
  'account.signedInAs': 'Angemeldet als',
  'account.internalBadge': 'Interne Ansicht',
  'account.internalHint':
    'Sie sehen genaue Werte und unveröffentlichte Kennzahlen. Nicht zur Veröffentlichung.',
  'account.internalScoped':
    'Genaue Werte nur in Ihren {count} Gebieten, sonst die öffentliche Ansicht.',
  'account.role.admin': 'Administration',
  'account.role.planner': 'Sozialplanung',
  'account.role.specialist': 'Fachplanung',
  'account.role.provider': 'Träger',
  'account.role.council': 'Gremium',
} as const

export const accountEn: Record<keyof typeof accountDe, string> = {
  'account.title': 'Sign in',
  'account.lead':
    'For staff of {org}: after signing in you see exact values and indicators that are not yet published.',
  'account.publicNote':
    'Without signing in, everyone sees the public atlas: published indicators only, small counts kept confidential.',
  'account.email': 'Email address',
  'account.password': 'Password',
  'account.submit': 'Sign in',
  'account.submitting': 'Signing in …',
  'account.resetHint':
    'Forgot your password or account locked? The administrators of your organisation can give you a link to reset the password.',
  'account.errorTitle': 'Sign-in did not succeed',
  'account.error.emailMissing': 'Enter your email address.',
  'account.error.emailInvalid': 'Enter an email address like name@example.org.',
  'account.error.passwordMissing': 'Enter your password.',
  'account.error.loginFailed':
    'The email address or the password is wrong, or this account may not sign in to {org}.',
  'account.error.locked':
    'Too many failed sign-ins: the account is locked for {minutes} min. Try again after that.',
  'account.error.rateLimited':
    'Too many sign-in attempts from this device. Try again in {minutes} min.',
  'account.error.network': 'The server cannot be reached. Try again later.',
  'account.error.other': 'The server answered: {message}',
  'account.signedInHere': 'You are already signed in as {name}.',
  'account.signedInElsewhere':
    'You are signed in to the organisation “{org}”. Signing in here ends that session.',
  'account.continue': 'Continue',
  'account.menu': 'Account',
  'account.signIn': 'Sign in',
  'account.signOut': 'Sign out',
  'account.signOutFailed': 'Signing out failed. Try again.',
  'account.signedInAs': 'Signed in as',
  'account.internalBadge': 'Internal view',
  'account.internalHint': 'You see exact values and unpublished indicators. Not for publication.',
  'account.internalScoped': 'Exact values only in your {count} areas, the public view elsewhere.',
  'account.role.admin': 'Administration',
  'account.role.planner': 'Social planning',
  'account.role.specialist': 'Specialist planning',
  'account.role.provider': 'Provider',
  'account.role.council': 'Committee',
}
