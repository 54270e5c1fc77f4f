/**
 * German UI strings (the default language). The keys are the contract: `en.ts` must have every key
 * (the type checker enforces it) with the same `{placeholders}` (i18n.test.ts checks it).
 */
import { accountDe } from '../account/messages.js'
import { analysisDe } from '../analysis/messages.js'
import { controlsDe } from '../atlas/controls/messages.js'
import { atlasDe } from '../atlas/messages.js'
import { chartDe } from '../charts/messages.js'
import { profileDe } from '../profile/messages.js'
import { reportsDe } from '../reports/messages.js'

const base = {
  'app.name': 'Planraum',
  'app.tagline': 'Strategische Sozialplanung',
  'app.skipToContent': 'Zum Inhalt springen',
  'app.loading': 'Wird geladen …',

  'nav.label': 'Hauptnavigation',
  'nav.overview': 'Übersicht',
  'nav.atlas': 'Atlas',
  'nav.analysis': 'Analyse',
  'nav.reports': 'Berichte',

  'language.label': 'Sprache',
  'language.de': 'Deutsch',
  'language.en': 'English',

  'footer.about': 'Planraum – Open-Source-Plattform für strategische Sozialplanung in Kommunen.',
  'footer.licence': 'Lizenz: EUPL-1.2',
  'footer.version': 'Version {version}',
  'footer.database.pglite': 'eingebettete Datenbank',
  'footer.database.postgres': 'PostgreSQL-Server',

  'error.title': 'Fehler',
  'error.retry': 'Erneut versuchen',
  'error.network': 'Der Server ist nicht erreichbar ({url}).',
  'error.http': 'Der Server antwortete mit HTTP {status} ({url}).',
  'error.gateway': 'Der Planraum-Server ist nicht gestartet oder antwortet nicht.',
  'error.invalid': 'Die Antwort des Servers war kein gültiges JSON ({url}).',
  'error.orgs': 'Die Liste der Organisationen konnte nicht geladen werden.',
  'error.noOrgs':
    'Es ist noch keine Organisation angelegt. Laden Sie die Demo-Stadt mit „planraum demo load“.',
  'error.org': 'Die Organisation „{slug}“ konnte nicht geladen werden.',
  'error.summary': 'Die Kennzahlen konnten nicht geladen werden.',
  'error.layer': 'Die Gebiete der Raumebene „{layer}“ konnten nicht geladen werden.',
  'error.facilities': 'Die Einrichtungen konnten nicht geladen werden.',
  'error.map': 'Die Karte kann nicht angezeigt werden: {reason}',
  'error.mapHint': 'Die Tabelle unten enthält dieselben Werte.',
  'error.webgl': 'Der Browser unterstützt kein WebGL.',
  'error.pageNotFound': 'Die Seite „{path}“ gibt es nicht.',
  'error.toOverview': 'Zur Übersicht',

  'overview.title': 'Übersicht',
  'overview.lead':
    'Bevölkerung, Raumgliederung und soziale Infrastruktur auf einen Blick – Grundlage für Sozialmonitoring und Bedarfsplanung.',
  'overview.demoNote':
    'Musterstadt ist eine erfundene Stadt. Alle Daten sind künstlich erzeugt und dienen der Vorführung.',
  'overview.keyFigures': 'Kennzahlen',
  'overview.residents': 'Einwohnerinnen und Einwohner {year}',
  'overview.residentsChange': '{change} gegenüber {year}',
  'overview.period': 'Datenzeitraum',
  'overview.periodRange': '{first} bis {last}',
  'overview.areasPerLayer': 'Gebiete je Raumebene',
  'overview.facilitiesPerCategory': 'Einrichtungen je Kategorie',
  'overview.total': 'Insgesamt',

  'density.title': 'Bevölkerungsdichte {year}',
  'density.intro':
    'Einwohnerinnen und Einwohner je km² nach Gebieten, in fünf Klassen mit etwa gleich vielen Gebieten (Quantile).',
  'density.unit': 'Einw./km²',
  'density.layer': 'Raumebene',
  'density.legend': 'Einwohnerinnen und Einwohner je km²',
  'density.legendCount': '{count} Gebiete',
  'density.legendCountOne': '1 Gebiet',
  'density.legendNote': 'Ein Wert auf einer Klassengrenze gehört zur unteren Klasse.',
  'density.noData': 'keine Angabe',
  'density.loadingLayer': 'Die Raumebene „{layer}“ wird geladen …',

  'facilities.legend': 'Einrichtungen',
  'facilities.kita': 'Kindertageseinrichtung',
  'facilities.school': 'Schule',
  'facilities.youth_centre': 'Jugendzentrum',
  'facilities.senior_centre': 'Seniorenbegegnungsstätte',
  'facilities.counselling': 'Beratungsstelle',
  'facilities.family_centre': 'Familienzentrum',
  'facilities.other': 'Sonstige',
  'facilities.capacity': 'Kapazität: {capacity} {unit}',

  'map.label': 'Karte der Bevölkerungsdichte, Raumebene {layer}',
  'map.loading': 'Karte wird geladen …',
  'map.hint':
    'Die Tabelle unter der Karte enthält dieselben Werte und ist mit der Tastatur bedienbar.',
  'map.zoomIn': 'Vergrößern',
  'map.zoomOut': 'Verkleinern',
  'map.resetBearing': 'Nach Norden ausrichten',

  'table.caption': 'Gebiete der Raumebene {layer}: Bevölkerung {year}',
  'table.code': 'Schlüssel',
  'table.name': 'Name',
  'table.parent': 'Übergeordnetes Gebiet',
  'table.population': 'Bevölkerung',
  'table.areaKm2': 'Fläche (km²)',
  'table.density': 'Dichte (Einw./km²)',
  'table.sortBy': 'Sortieren nach {column}',
  'table.total': 'Summe ({count} Gebiete)',
  'table.missing': 'keine Angabe',
} as const

/** The app's strings and those of each feature (each feature owns its `messages.ts`). */
export const de = {
  ...base,
  ...atlasDe,
  ...controlsDe,
  ...chartDe,
  ...profileDe,
  ...analysisDe,
  ...accountDe,
  ...reportsDe,
} as const

/** The keys of the app's own strings (the shell, errors, the overview). */
export type BaseKey = keyof typeof base

/** Every message key; `en` must provide all of them. */
export type MessageKey = keyof typeof de
