/** UI strings of the charts, merged into the app's dictionaries. Keys start with `chart.`. */
export const chartDe = {
  'chart.table': 'Werte als Tabelle',
} as const

export const chartEn: Record<keyof typeof chartDe, string> = {
  'chart.table': 'Values as a table',
}
