/**
 * A timestamp (ISO 8601) as a date in the UI's locale, in the time zone of German municipalities;
 * null when the text is no valid timestamp.
 *
 * @example formatDate('2024-03-05T23:30:00Z', 'de-DE') // '6. März 2024'
 */
export function formatDate(iso: string, locale: string): string | null {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return null
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Berlin' })
    formats.set(locale, format)
  }
  return format.format(time)
}

/** Making a formatter costs about a millisecond; the atlas formats dates on every render. */
const formats = new Map<string, Intl.DateTimeFormat>()
