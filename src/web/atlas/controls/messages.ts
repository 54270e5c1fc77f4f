/**
 * UI strings of the atlas controls (indicator picker, metadata, period slider, layer switch, table,
 * downloads), merged into the app's dictionaries. Keys start with `controls.`.
 */
export const controlsDe = {
  'controls.indicator': 'Kennzahl',

  // Indicator picker
  'controls.picker.search': 'Kennzahl suchen',
  'controls.picker.searchHint': 'Name, Definition oder Schlüssel; filtert die Auswahlliste.',
  'controls.picker.found': '{count} von {total} Kennzahlen',
  'controls.picker.noMatch': 'Keine Kennzahl passt zu „{query}“.',
  'controls.picker.keepSelected': 'Aktuelle Auswahl',
  'controls.picker.unpublished': '(nicht veröffentlicht)',
  'controls.picker.unpublishedNote':
    'Mit „nicht veröffentlicht“ markierte Kennzahlen sehen nur Berechtigte im internen Atlas.',

  // Topics (Themenfelder)
  'controls.topic.demography': 'Bevölkerung',
  'controls.topic.migration': 'Wanderung und Migration',
  'controls.topic.poverty': 'Armut und soziale Sicherung',
  'controls.topic.employment': 'Beschäftigung und Arbeitslosigkeit',
  'controls.topic.education': 'Bildung',
  'controls.topic.health': 'Gesundheit',
  'controls.topic.childcare': 'Kinderbetreuung',
  'controls.topic.housing': 'Wohnen',
  'controls.topic.participation': 'Teilhabe',

  // Indicator metadata
  'controls.info.title': 'Über die Kennzahl',
  'controls.info.definition': 'Definition',
  'controls.info.formula': 'Formel',
  'controls.info.unit': 'Einheit',
  'controls.info.decimals': 'Nachkommastellen',
  'controls.info.polarity': 'Bewertung',
  'controls.info.polarity.higher_is_better':
    'Höhere Werte sind günstiger (dunklere Farben auf der Karte zeigen günstigere Werte).',
  'controls.info.polarity.higher_is_worse':
    'Höhere Werte sind ungünstiger (dunklere Farben auf der Karte zeigen höheren Handlungsbedarf).',
  'controls.info.polarity.neutral': 'Neutral: höhere Werte sind weder besser noch schlechter.',
  'controls.info.topic': 'Themenfeld',
  'controls.info.source': 'Quelle',
  'controls.info.updated': 'Zuletzt geändert',
  'controls.info.minCases': 'Mindestfallzahl',
  'controls.info.minCasesValue':
    '{count}: kleinere Fallzahlen werden im öffentlichen Atlas nicht gezeigt.',
  'controls.info.minCasesDefault':
    'Voreinstellung der Kommune: kleine Fallzahlen werden im öffentlichen Atlas nicht gezeigt.',
  'controls.info.key': 'Schlüssel',
  'controls.info.unpublished': 'Diese Kennzahl ist nicht veröffentlicht (nur intern sichtbar).',
  'controls.info.noUnit': 'ohne Einheit',

  // Period slider
  'controls.period': 'Jahr',
  'controls.period.previous': 'Vorheriges Jahr',
  'controls.period.next': 'Nächstes Jahr',
  'controls.period.play': 'Jahre abspielen',
  'controls.period.pause': 'Anhalten',
  'controls.period.playHint':
    'Abspielen zeigt die Jahre nacheinander (etwa eines pro Sekunde) und hält beim letzten Jahr an.',
  'controls.period.current': 'Angezeigt: {year}',
  'controls.period.range': '{first} bis {last}',

  // Layer switch
  'controls.layer': 'Raumebene',
  'controls.layer.areas': '{count} Gebiete',

  // Map mode
  'controls.mode': 'Darstellung',
  'controls.mode.value': 'Wert im Jahr',
  'controls.mode.change': 'Veränderung seit einem Jahr',
  'controls.mode.deviation': 'Abweichung vom Durchschnitt der Gesamtstadt',
  'controls.mode.from': 'Vergleichsjahr',
  'controls.mode.noFrom': 'Für eine Veränderung fehlt ein früheres Jahr.',

  // Table
  'controls.table.filter': 'Gebiete filtern',
  'controls.table.filterHint': 'Name oder Schlüssel',
  'controls.table.parent': 'Übergeordnetes Gebiet',
  'controls.table.allParents': 'Alle',
  'controls.table.shown': '{shown} von {total} Gebieten',
  'controls.table.area': 'Gebiet',
  'controls.table.code': 'Schlüssel',
  'controls.table.value': 'Wert',
  'controls.table.valueUnit': 'Wert ({unit})',
  'controls.table.change': 'Veränderung',
  'controls.table.changeSince': 'Veränderung seit {year}',
  'controls.table.changeYears': 'Veränderung über {years} Jahre',
  'controls.table.changePrevious': 'Veränderung zum Vorjahr',
  'controls.table.deviation': 'Abweichung von der Gesamtstadt',
  'controls.table.rank': 'Rang',
  'controls.table.rankOf': '{rank} von {count}',
  'controls.table.actions': 'Aktionen',
  'controls.table.onMap': 'auf der Karte',
  'controls.table.showOnMap': 'Auf Karte zeigen',
  'controls.table.showOnMapLabel': 'Auf Karte zeigen: {area}',
  'controls.table.profile': 'Steckbrief',
  'controls.table.profileLabel': 'Steckbrief: {area}',
  'controls.table.selected': 'ausgewählt',
  'controls.table.suppressed': 'geheimgehalten',
  'controls.table.missing': 'keine Daten',
  'controls.table.noRows': 'Kein Gebiet passt zum Filter.',
  'controls.table.legendSuppressed':
    'Wert aus Gründen der statistischen Geheimhaltung nicht veröffentlicht (zu kleine Fallzahl).',
  'controls.table.legendMissing': 'Keine Daten vorhanden.',
  'controls.table.sortBy': 'sortieren',

  // Downloads
  'controls.download.title': 'Herunterladen',
  'controls.download.csv': 'CSV',
  'controls.download.csvDetail': 'Tabelle, Text mit Semikolon',
  'controls.download.xlsx': 'Excel (XLSX)',
  'controls.download.xlsxDetail': 'Arbeitsmappe mit Metadaten',
  'controls.download.geojson': 'GeoJSON',
  'controls.download.geojsonDetail': 'Gebiete mit Werten, für GIS',
  'controls.download.png': 'Karte als PNG',
  'controls.download.pngDetail': 'Bild',
  'controls.download.svg': 'Karte als SVG',
  'controls.download.svgDetail': 'Vektorgrafik',
  'controls.download.note':
    'Die Dateien enthalten die Werte der gewählten Kennzahl, Raumebene und des Jahres {year}.',
} as const

export const controlsEn: Record<keyof typeof controlsDe, string> = {
  'controls.indicator': 'Indicator',

  'controls.picker.search': 'Search indicators',
  'controls.picker.searchHint': 'Name, definition or key; filters the list below.',
  'controls.picker.found': '{count} of {total} indicators',
  'controls.picker.noMatch': 'No indicator matches “{query}”.',
  'controls.picker.keepSelected': 'Current choice',
  'controls.picker.unpublished': '(not published)',
  'controls.picker.unpublishedNote':
    'Indicators marked “not published” are visible only to authorised staff in the internal atlas.',

  'controls.topic.demography': 'Population',
  'controls.topic.migration': 'Migration and moves',
  'controls.topic.poverty': 'Poverty and social security',
  'controls.topic.employment': 'Employment and unemployment',
  'controls.topic.education': 'Education',
  'controls.topic.health': 'Health',
  'controls.topic.childcare': 'Childcare',
  'controls.topic.housing': 'Housing',
  'controls.topic.participation': 'Participation',

  'controls.info.title': 'About the indicator',
  'controls.info.definition': 'Definition',
  'controls.info.formula': 'Formula',
  'controls.info.unit': 'Unit',
  'controls.info.decimals': 'Decimal places',
  'controls.info.polarity': 'Interpretation',
  'controls.info.polarity.higher_is_better':
    'Higher values are better (darker colours on the map show better values).',
  'controls.info.polarity.higher_is_worse':
    'Higher values are worse (darker colours on the map show a greater need for action).',
  'controls.info.polarity.neutral': 'Neutral: higher values are neither better nor worse.',
  'controls.info.topic': 'Topic',
  'controls.info.source': 'Source',
  'controls.info.updated': 'Last changed',
  'controls.info.minCases': 'Minimum case number',
  'controls.info.minCasesValue': '{count}: smaller counts are not shown in the public atlas.',
  'controls.info.minCasesDefault':
    'The municipality’s default: small counts are not shown in the public atlas.',
  'controls.info.key': 'Key',
  'controls.info.unpublished': 'This indicator is not published (visible internally only).',
  'controls.info.noUnit': 'no unit',

  'controls.period': 'Year',
  'controls.period.previous': 'Previous year',
  'controls.period.next': 'Next year',
  'controls.period.play': 'Play the years',
  'controls.period.pause': 'Pause',
  'controls.period.playHint':
    'Play shows the years one after another (about one per second) and stops at the last year.',
  'controls.period.current': 'Showing: {year}',
  'controls.period.range': '{first} to {last}',

  'controls.layer': 'Area layer',
  'controls.layer.areas': '{count} areas',

  'controls.mode': 'Show',
  'controls.mode.value': 'Value in the year',
  'controls.mode.change': 'Change since a year',
  'controls.mode.deviation': 'Deviation from the city average',
  'controls.mode.from': 'Compare with year',
  'controls.mode.noFrom': 'There is no earlier year to compare with.',

  'controls.table.filter': 'Filter areas',
  'controls.table.filterHint': 'Name or code',
  'controls.table.parent': 'Parent area',
  'controls.table.allParents': 'All',
  'controls.table.shown': '{shown} of {total} areas',
  'controls.table.area': 'Area',
  'controls.table.code': 'Code',
  'controls.table.value': 'Value',
  'controls.table.valueUnit': 'Value ({unit})',
  'controls.table.change': 'Change',
  'controls.table.changeSince': 'Change since {year}',
  'controls.table.changeYears': 'Change over {years} years',
  'controls.table.changePrevious': 'Change on previous year',
  'controls.table.deviation': 'Deviation from the city',
  'controls.table.rank': 'Rank',
  'controls.table.rankOf': '{rank} of {count}',
  'controls.table.actions': 'Actions',
  'controls.table.onMap': 'on the map',
  'controls.table.showOnMap': 'Show on map',
  'controls.table.showOnMapLabel': 'Show on map: {area}',
  'controls.table.profile': 'Profile',
  'controls.table.profileLabel': 'Profile: {area}',
  'controls.table.selected': 'selected',
  'controls.table.suppressed': 'confidential',
  'controls.table.missing': 'no data',
  'controls.table.noRows': 'No area matches the filter.',
  'controls.table.legendSuppressed':
    'Value withheld for statistical confidentiality (too few cases).',
  'controls.table.legendMissing': 'No data available.',
  'controls.table.sortBy': 'sort',

  'controls.download.title': 'Download',
  'controls.download.csv': 'CSV',
  'controls.download.csvDetail': 'table, comma-separated text',
  'controls.download.xlsx': 'Excel (XLSX)',
  'controls.download.xlsxDetail': 'workbook with metadata',
  'controls.download.geojson': 'GeoJSON',
  'controls.download.geojsonDetail': 'areas with values, for GIS',
  'controls.download.png': 'Map as PNG',
  'controls.download.pngDetail': 'image',
  'controls.download.svg': 'Map as SVG',
  'controls.download.svgDetail': 'vector graphic',
  'controls.download.note':
    'The files hold the values of the chosen indicator and layer for {year}.',
}
