/**
 * UI strings of the atlas controls (indicator picker, metadata, period slider, layer switch, table,
 * downloads), merged into the app's dictionaries. Keys start with `controls.`.
 */
export const controlsDe = {
  'controls.indicator': 'Kennzahl',
} as const

export const controlsEn: Record<keyof typeof controlsDe, string> = {
  'controls.indicator': 'Indicator',
}
