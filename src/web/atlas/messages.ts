/**
 * UI strings of the atlas pages, merged into the app's dictionaries (i18n/de.ts, i18n/en.ts).
 * Keys start with `atlas.`; English must have every German key with the same placeholders.
 * The legend's fixed texts come from core/maps/legend.ts, which reports share.
 */
import { LEGEND_LABELS } from '../../core/maps/legend.js'

export const atlasDe = {
  'atlas.title': 'Atlas',
  'atlas.lead':
    'Kennzahlen nach Gebieten als Karte, mit Legende und Tabelle. Jede Ansicht hat eine eigene Adresse zum Teilen und Einbetten.',
  'atlas.loading': 'Der Atlas wird geladen …',
  'atlas.loadingValues': 'Die Werte werden geladen …',
  'atlas.noIndicators': 'Für diese Organisation sind noch keine Kennzahlen veröffentlicht.',
  'atlas.noLayers': 'Für diese Organisation sind noch keine Raumebenen angelegt.',
  'atlas.internal': 'Interne Ansicht',
  'atlas.internalHint':
    'Sie sehen genaue Werte und unveröffentlichte Kennzahlen. Nur für den Dienstgebrauch.',
  'atlas.openInAtlas': 'Im Atlas öffnen',

  'atlas.error.indicators': 'Die Kennzahlen konnten nicht geladen werden.',
  'atlas.error.values': 'Die Werte von „{indicator}“ konnten nicht geladen werden.',
  'atlas.error.geometry': 'Die Gebiete der Raumebene „{layer}“ konnten nicht geladen werden.',
  'atlas.error.classify': 'Die Klassen konnten nicht gebildet werden: {reason}',

  'atlas.urlProblem':
    'Der Wert „{value}“ von „{param}“ in der Adresse wurde nicht verwendet; erwartet: {expected}.',
  'atlas.expected.key': 'ein Schlüssel aus Buchstaben, Ziffern und _ . - :',
  'atlas.expected.year': 'eine Jahreszahl wie 2024',
  'atlas.expected.mode': 'value, change oder deviation',
  'atlas.expected.method': 'fisher, jenks, quantile, equal, stddev, pretty oder manual',
  'atlas.expected.classes': 'eine ganze Zahl von 3 bis 9',
  'atlas.expected.breaks': 'aufsteigende Zahlen, durch Kommas getrennt (z. B. breaks=10,20,30)',
  'atlas.expected.boolean': '0 oder 1',
  'atlas.unknownIndicator':
    'Die Kennzahl „{key}“ gibt es nicht oder sie ist nicht veröffentlicht; gezeigt wird „{shown}“.',
  'atlas.unknownLayer': 'Die Raumebene „{key}“ gibt es nicht; gezeigt wird „{shown}“.',
  'atlas.unknownPeriod': 'Für {year} gibt es keine Daten; gezeigt wird {shown}.',

  'atlas.classification': 'Klassen',
  'atlas.method': 'Verfahren',
  'atlas.method.fisher': 'Natürliche Brüche (Fisher)',
  'atlas.method.jenks': 'Natürliche Brüche (Jenks)',
  'atlas.method.quantile': 'Quantile (gleich viele Gebiete)',
  'atlas.method.equal': 'Gleiche Intervalle',
  'atlas.method.stddev': 'Standardabweichung',
  'atlas.method.pretty': 'Runde Grenzen',
  'atlas.method.manual': 'Eigene Grenzen',
  'atlas.classes': 'Anzahl der Klassen',
  'atlas.breaks': 'Innere Klassengrenzen',
  'atlas.breaksHint': 'Aufsteigend, durch Semikolon getrennt, z. B. 10; 20,5; 30',
  'atlas.breaksApply': 'Grenzen übernehmen',
  'atlas.breaksInvalid':
    'Bitte aufsteigende Zahlen durch Semikolon getrennt eingeben (höchstens 8); erhalten: „{value}“.',
  'atlas.gvf': 'Güte der Varianzanpassung (GVF): {gvf}',

  'atlas.legend.count': LEGEND_LABELS.de.count,
  'atlas.legend.countOne': LEGEND_LABELS.de.countOne,
  'atlas.legend.noData': LEGEND_LABELS.de.missing,
  'atlas.legend.suppressed': LEGEND_LABELS.de.suppressed,
  'atlas.legend.value': '{indicator} {year}',
  'atlas.legend.change': '{indicator}: Veränderung {from}–{year}',
  'atlas.legend.deviation': '{indicator}: Abweichung von der Gesamtstadt {year}',
  'atlas.legend.unit': 'in {unit}',
  'atlas.legend.note': 'Ein Wert auf einer Klassengrenze gehört zur unteren Klasse.',
  'atlas.legend.divergingNote':
    'Die Farben sind um 0 zentriert; Rot steht für die ungünstige Richtung.',
  'atlas.legend.divergingNeutralNote': 'Die Farben sind um 0 zentriert.',
  'atlas.percentPoints': 'Prozentpunkte',

  'atlas.tooltip.value': 'Wert {year}: {value}',
  'atlas.tooltip.change': 'Veränderung {from}–{year}: {value}',
  'atlas.tooltip.deviation': 'Abweichung von der Gesamtstadt: {value}',
  'atlas.tooltip.noData': 'keine Daten',
  'atlas.tooltip.suppressed': 'geheim gehalten (.): zu kleine Fallzahl',
  'atlas.tooltip.open': 'Klick öffnet den Steckbrief',

  'atlas.area.search': 'Gebiet suchen',
  'atlas.area.searchHint': 'Name oder Schlüssel; die Karte zoomt zum Gebiet.',
  'atlas.area.go': 'Zeigen',
  'atlas.area.notFound': 'Kein Gebiet „{query}“ auf der Raumebene {layer}.',
  'atlas.area.selected': 'Ausgewählt: {name}',
  'atlas.area.profile': 'Steckbrief öffnen',
  'atlas.area.zoom': 'Zum Gebiet zoomen',
  'atlas.area.clear': 'Auswahl aufheben',

  'atlas.map.label': 'Karte: {indicator}, {layer}, {year}',
  'atlas.map.hint':
    'Mit der Maus über ein Gebiet fahren zeigt seinen Wert, ein Klick öffnet den Steckbrief. Die Tabelle unten enthält dieselben Werte.',
  'atlas.labels': 'Gebietsnamen auf der Karte',
  'atlas.facilities': 'Einrichtungen auf der Karte',

  'atlas.tableCaption': '{indicator} {year} nach {layer}',
  'atlas.export.failed': 'Die Karte konnte nicht exportiert werden: {reason}',
  'atlas.source': 'Quelle: {source}. Darstellung: {org}, Planraum-Atlas.',
} as const

export const atlasEn: Record<keyof typeof atlasDe, string> = {
  'atlas.title': 'Atlas',
  'atlas.lead':
    'Key figures by area as a map, with legend and table. Every view has its own address for sharing and embedding.',
  'atlas.loading': 'Loading the atlas …',
  'atlas.loadingValues': 'Loading the values …',
  'atlas.noIndicators': 'This organisation has not published any indicators yet.',
  'atlas.noLayers': 'This organisation has no area layers yet.',
  'atlas.internal': 'Internal view',
  'atlas.internalHint': 'You see exact values and unpublished indicators. For official use only.',
  'atlas.openInAtlas': 'Open in the atlas',

  'atlas.error.indicators': 'The indicators could not be loaded.',
  'atlas.error.values': 'The values of “{indicator}” could not be loaded.',
  'atlas.error.geometry': 'The areas of the layer “{layer}” could not be loaded.',
  'atlas.error.classify': 'The classes could not be formed: {reason}',

  'atlas.urlProblem':
    'The value “{value}” of “{param}” in the address was not used; expected: {expected}.',
  'atlas.expected.key': 'a key of letters, digits and _ . - :',
  'atlas.expected.year': 'a year such as 2024',
  'atlas.expected.mode': 'value, change or deviation',
  'atlas.expected.method': 'fisher, jenks, quantile, equal, stddev, pretty or manual',
  'atlas.expected.classes': 'a whole number from 3 to 9',
  'atlas.expected.breaks': 'ascending numbers separated by commas (e.g. breaks=10,20,30)',
  'atlas.expected.boolean': '0 or 1',
  'atlas.unknownIndicator':
    'The indicator “{key}” does not exist or is not published; showing “{shown}”.',
  'atlas.unknownLayer': 'The layer “{key}” does not exist; showing “{shown}”.',
  'atlas.unknownPeriod': 'There are no data for {year}; showing {shown}.',

  'atlas.classification': 'Classes',
  'atlas.method': 'Method',
  'atlas.method.fisher': 'Natural breaks (Fisher)',
  'atlas.method.jenks': 'Natural breaks (Jenks)',
  'atlas.method.quantile': 'Quantiles (equal numbers of areas)',
  'atlas.method.equal': 'Equal intervals',
  'atlas.method.stddev': 'Standard deviation',
  'atlas.method.pretty': 'Round bounds',
  'atlas.method.manual': 'Own bounds',
  'atlas.classes': 'Number of classes',
  'atlas.breaks': 'Inner class bounds',
  'atlas.breaksHint': 'Ascending, separated by semicolons, e.g. 10; 20.5; 30',
  'atlas.breaksApply': 'Apply bounds',
  'atlas.breaksInvalid':
    'Please enter ascending numbers separated by semicolons (at most 8); got “{value}”.',
  'atlas.gvf': 'Goodness of variance fit (GVF): {gvf}',

  'atlas.legend.count': LEGEND_LABELS.en.count,
  'atlas.legend.countOne': LEGEND_LABELS.en.countOne,
  'atlas.legend.noData': LEGEND_LABELS.en.missing,
  'atlas.legend.suppressed': LEGEND_LABELS.en.suppressed,
  'atlas.legend.value': '{indicator} {year}',
  'atlas.legend.change': '{indicator}: change {from}–{year}',
  'atlas.legend.deviation': '{indicator}: deviation from the whole city {year}',
  'atlas.legend.unit': 'in {unit}',
  'atlas.legend.note': 'A value on a class bound belongs to the lower class.',
  'atlas.legend.divergingNote':
    'The colours are centred on 0; red marks the unfavourable direction.',
  'atlas.legend.divergingNeutralNote': 'The colours are centred on 0.',
  'atlas.percentPoints': 'percentage points',

  'atlas.tooltip.value': 'Value {year}: {value}',
  'atlas.tooltip.change': 'Change {from}–{year}: {value}',
  'atlas.tooltip.deviation': 'Deviation from the whole city: {value}',
  'atlas.tooltip.noData': 'no data',
  'atlas.tooltip.suppressed': 'suppressed (.): too few cases',
  'atlas.tooltip.open': 'Click to open the area profile',

  'atlas.area.search': 'Find an area',
  'atlas.area.searchHint': 'Name or code; the map zooms to the area.',
  'atlas.area.go': 'Show',
  'atlas.area.notFound': 'No area “{query}” on the layer {layer}.',
  'atlas.area.selected': 'Selected: {name}',
  'atlas.area.profile': 'Open the area profile',
  'atlas.area.zoom': 'Zoom to the area',
  'atlas.area.clear': 'Clear the selection',

  'atlas.map.label': 'Map: {indicator}, {layer}, {year}',
  'atlas.map.hint':
    'Move the pointer over an area to see its value; a click opens the area profile. The table below holds the same values.',
  'atlas.labels': 'Area names on the map',
  'atlas.facilities': 'Facilities on the map',

  'atlas.tableCaption': '{indicator} {year} by {layer}',
  'atlas.export.failed': 'The map could not be exported: {reason}',
  'atlas.source': 'Source: {source}. Map: {org}, Planraum atlas.',
}
