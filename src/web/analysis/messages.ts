/** UI strings of the analysis page, merged into the app's dictionaries. Keys start with `analysis.`. */
export const analysisDe = {
  'analysis.title': 'Analyse',
} as const

export const analysisEn: Record<keyof typeof analysisDe, string> = {
  'analysis.title': 'Analysis',
}
