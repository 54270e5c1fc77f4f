/**
 * The names of the catalogue's topics (modules/monitoring/catalogue.ts), in the order a social
 * report follows — shared by the area profile in the web app and the generated reports.
 */
export const TOPIC_NAMES = {
  demography: { de: 'Bevölkerung', en: 'Population' },
  migration: { de: 'Wanderung und Migration', en: 'Migration' },
  poverty: { de: 'Armut und soziale Sicherung', en: 'Poverty and social security' },
  employment: { de: 'Beschäftigung und Arbeitslosigkeit', en: 'Employment and unemployment' },
  education: { de: 'Bildung', en: 'Education' },
  health: { de: 'Gesundheit', en: 'Health' },
  childcare: { de: 'Kinderbetreuung', en: 'Childcare' },
  housing: { de: 'Wohnen', en: 'Housing' },
  participation: { de: 'Teilhabe', en: 'Participation' },
} as const satisfies Record<string, { de: string; en: string }>
