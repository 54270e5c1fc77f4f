/**
 * The profile's state in its permanent URL: `/steckbrief?org=…&layer=…&area=…&period=…`
 * (and the indicator of the time series chart). Pure.
 */
import { hrefFor } from '../shell/routes.js'

export interface ProfileState {
  layer?: string
  area?: string
  period?: number
  /** Indicator key of the time series chart. */
  indicator?: string
}

/**
 * Reads the profile state from a query string; malformed values are dropped (the page then
 * falls back to its defaults) rather than sent to the server.
 *
 * @example readProfileState('?org=musterstadt&layer=sozialraum&area=01.02&period=2024')
 * // { layer: 'sozialraum', area: '01.02', period: 2024 }
 */
export function readProfileState(search: string): ProfileState {
  const params = new URLSearchParams(search)
  const state: ProfileState = {}
  const layer = params.get('layer')
  if (layer && /^[a-z][a-z0-9_]{0,62}$/.test(layer)) state.layer = layer
  const area = params.get('area')
  if (area && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(area)) state.area = area
  const period = params.get('period')
  if (period && /^\d{4}$/.test(period)) state.period = Number(period)
  const indicator = params.get('indicator')
  if (indicator && /^[a-z0-9_]+$/.test(indicator)) state.indicator = indicator
  return state
}

/**
 * The permanent link of a profile (path and query; the embed flag is kept).
 *
 * @example profileHref('musterstadt', { layer: 'sozialraum', area: '01.02', period: 2024 })
 * // '/steckbrief?org=musterstadt&layer=sozialraum&area=01.02&period=2024'
 */
export function profileHref(org: string | null, state: ProfileState, embed = false): string {
  return hrefFor('/steckbrief', org, {
    layer: state.layer,
    area: state.area,
    period: state.period,
    indicator: state.indicator,
    embed: embed ? 1 : undefined,
  })
}
