import { accountEn } from '../account/messages.js'
import { analysisEn } from '../analysis/messages.js'
import { controlsEn } from '../atlas/controls/messages.js'
import { atlasEn } from '../atlas/messages.js'
import { chartEn } from '../charts/messages.js'
import { profileEn } from '../profile/messages.js'
import { reportsEn } from '../reports/messages.js'
import type { BaseKey, MessageKey } from './de.js'

/** English UI strings: complete, with the same keys and placeholders as `de.ts`. */
const base: Record<BaseKey, string> = {
  'app.name': 'Planraum',
  'app.tagline': 'Strategic social planning',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading …',

  'nav.label': 'Main navigation',
  'nav.overview': 'Overview',
  'nav.atlas': 'Atlas',
  'nav.analysis': 'Analysis',
  'nav.reports': 'Reports',

  'language.label': 'Language',
  'language.de': 'Deutsch',
  'language.en': 'English',

  'footer.about':
    'Planraum – open-source platform for strategic social planning in municipalities.',
  'footer.licence': 'Licence: EUPL-1.2',
  'footer.version': 'Version {version}',
  'footer.database.pglite': 'embedded database',
  'footer.database.postgres': 'PostgreSQL server',

  'error.title': 'Error',
  'error.retry': 'Try again',
  'error.network': 'The server cannot be reached ({url}).',
  'error.http': 'The server answered with HTTP {status} ({url}).',
  'error.gateway': 'The Planraum server is not running or does not answer.',
  'error.invalid': 'The server’s answer was not valid JSON ({url}).',
  'error.orgs': 'The list of organisations could not be loaded.',
  'error.noOrgs':
    'No organisation has been set up yet. Load the demo city with “planraum demo load”.',
  'error.org': 'The organisation “{slug}” could not be loaded.',
  'error.summary': 'The key figures could not be loaded.',
  'error.layer': 'The areas of the layer “{layer}” could not be loaded.',
  'error.facilities': 'The facilities could not be loaded.',
  'error.map': 'The map cannot be shown: {reason}',
  'error.mapHint': 'The table below holds the same values.',
  'error.webgl': 'The browser does not support WebGL.',
  'error.pageNotFound': 'There is no page “{path}”.',
  'error.toOverview': 'Go to the overview',

  'overview.title': 'Overview',
  'overview.lead':
    'Population, planning areas and social infrastructure at a glance – the basis for social monitoring and needs planning.',
  'overview.demoNote':
    'Musterstadt is a fictitious city. All data are generated artificially for demonstration.',
  'overview.keyFigures': 'Key figures',
  'overview.residents': 'Residents {year}',
  'overview.residentsChange': '{change} compared with {year}',
  'overview.period': 'Data period',
  'overview.periodRange': '{first} to {last}',
  'overview.areasPerLayer': 'Areas per layer',
  'overview.facilitiesPerCategory': 'Facilities per category',
  'overview.total': 'Total',

  'density.title': 'Population density {year}',
  'density.intro':
    'Residents per km² by area, in five classes holding about the same number of areas (quantiles).',
  'density.unit': 'res./km²',
  'density.layer': 'Layer',
  'density.legend': 'Residents per km²',
  'density.legendCount': '{count} areas',
  'density.legendCountOne': '1 area',
  'density.legendNote': 'A value on a class boundary belongs to the lower class.',
  'density.noData': 'no data',
  'density.loadingLayer': 'Loading the layer “{layer}” …',

  'facilities.legend': 'Facilities',
  'facilities.kita': 'Day-care centre',
  'facilities.school': 'School',
  'facilities.youth_centre': 'Youth centre',
  'facilities.senior_centre': 'Senior centre',
  'facilities.counselling': 'Counselling service',
  'facilities.family_centre': 'Family centre',
  'facilities.other': 'Other',
  'facilities.capacity': 'Capacity: {capacity} {unit}',

  'map.label': 'Map of population density, layer {layer}',
  'map.loading': 'Loading the map …',
  'map.hint': 'The table below the map holds the same values and can be used with the keyboard.',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.resetBearing': 'Reset bearing to north',

  'table.caption': 'Areas of the layer {layer}: population {year}',
  'table.code': 'Code',
  'table.name': 'Name',
  'table.parent': 'Parent area',
  'table.population': 'Population',
  'table.areaKm2': 'Area (km²)',
  'table.density': 'Density (res./km²)',
  'table.sortBy': 'Sort by {column}',
  'table.total': 'Total ({count} areas)',
  'table.missing': 'no data',
}

export const en: Record<MessageKey, string> = {
  ...base,
  ...atlasEn,
  ...controlsEn,
  ...chartEn,
  ...profileEn,
  ...analysisEn,
  ...accountEn,
  ...reportsEn,
}
