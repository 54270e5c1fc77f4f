import { ApiRequestError } from '../http/client.js'
import type { MessageKey, MessageParams } from '../i18n/index.js'

/** Why a request failed, in the UI language; the server's own message is appended when it sent one. */
export function describeError(
  error: Error,
  t: (key: MessageKey, params?: MessageParams) => string,
): string {
  if (!(error instanceof ApiRequestError)) return error.message
  switch (error.kind) {
    case 'network':
      return t('error.network', { url: error.url })
    case 'invalid':
      return t('error.invalid', { url: error.url })
    case 'http': {
      const status = error.code ? `${error.status ?? ''} ${error.code}` : String(error.status ?? '')
      const text = t('error.http', { status, url: error.url })
      if (error.serverMessage) return `${text} ${error.serverMessage}`
      // A proxy in front of the server (Vite in development, nginx in production) answers 502–504.
      const gateway = error.status !== undefined && error.status >= 502 && error.status <= 504
      return gateway ? `${text} ${t('error.gateway')}` : text
    }
  }
}
