/**
 * The report generator: a template and the data of one organisation, audience, layer and year
 * become a `ReportDocument` (core/report/document.ts), which the HTML, PDF and DOCX writers render.
 *
 * Everything here is deterministic: the same template and data give the same document, so a report
 * can be rebuilt identically from the data state it records. Numbers are formatted once, here, with
 * core/report; suppressed values (public reports) appear as „.“ and are never compared or ranked.
 */
import type { ReportBlock, ReportDocument, ReportText } from '../../core/report/document.js'
import {
  capitalise,
  formatNumber,
  formatWithUnit,
  roundTo,
  unitLabel,
  type ReportLanguage,
} from '../../core/report/format.js'
import { countNoun, layerGrammar, ofArea } from '../../core/report/grammar.js'
import {
  reportTemplateFunctions,
  renderTemplate,
  type TemplateArea,
  type TemplateData,
} from '../../core/report/template.js'
import {
  areaPhrase,
  changeSentence,
  measureOf,
  compareSentence,
  rankPhrase,
  rankValues,
  readValue,
  type ReportIndicator,
  type ReportValue,
} from '../../core/report/text.js'
import type { IndicatorRow } from '../monitoring/index.js'
import type { DataArea, ReportData } from './data.js'
import { choroplethFigure, rankingFigure, timeSeriesFigure } from './figures.js'
import type { ReportTemplate, TemplateBlock } from './templates.js'
import { GLOSSARY, TOPICS, word } from './words.js'

/** German dative plural: „den Sozialräumen“, „den Stadtbezirken“ (nouns in -n or -s keep theirs). */
export function dativePlural(plural: string): string {
  return /[ns]$/.test(plural) ? plural : `${plural}n`
}

/**
 * Lets the server answer other requests between the parts of a report (drawing figures is
 * synchronous; a report of 33 areas would otherwise hold the event loop for seconds).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export type Progress = (fraction: number, message: string) => void

export interface GenerateOptions {
  language: ReportLanguage
  /** Called as blocks are built (0…1). */
  onProgress?: Progress
}

/** A template problem found while generating (unknown indicator, placeholder error). */
export class ReportTemplateError extends Error {
  override name = 'ReportTemplateError'
}

const SUPPRESSED = '.'
const MISSING = '–'

export async function generateReport(
  template: ReportTemplate,
  data: ReportData,
  options: GenerateOptions,
): Promise<{ document: ReportDocument; warnings: string[] }> {
  const g = new Generator(template, data, options.language, options.onProgress)
  const blocks = await g.build()
  const lang = options.language
  const title = `${template.name[lang]} ${data.organization.name} ${data.period}`
  const document: ReportDocument = {
    title,
    language: lang,
    audience: data.audience,
    organization: data.organization.name,
    dataState: word('dataStateLine', lang, { date: g.dataDate() }),
    blocks,
  }
  return { document, warnings: g.warnings }
}

class Generator {
  private readonly blocks: ReportBlock[] = []
  /** What was left out, for the planner (listed with the report). */
  readonly warnings: string[] = []
  private readonly ids = new Map<string, number>()
  private readonly indicatorByKey: Map<string, IndicatorRow>
  private readonly layerAreas: DataArea[]
  private readonly areaByKey: Map<string, DataArea>

  constructor(
    private readonly template: ReportTemplate,
    private readonly data: ReportData,
    private readonly lang: ReportLanguage,
    private readonly onProgress: Progress | undefined,
  ) {
    this.indicatorByKey = new Map(data.indicators.map((i) => [i.key, i]))
    this.layerAreas = data.areas.filter((a) => a.layer === data.layer.key)
    this.areaByKey = new Map(data.areas.map((a) => [`${a.layer}\t${a.code}`, a]))
  }

  async build(): Promise<ReportBlock[]> {
    const total = this.template.blocks.length
    for (const [index, block] of this.template.blocks.entries()) {
      this.onProgress?.(index / total, block.type)
      await yieldToEventLoop()
      await this.block(block, index)
    }
    this.onProgress?.(1, 'done')
    return this.blocks
  }

  dataDate(): string {
    const last = this.data.state.imports.at(-1)?.at
    if (!last) return String(this.data.period)
    const [y, m, d] = last.slice(0, 10).split('-')
    return this.lang === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private t(key: Parameters<typeof word>[0], values: Record<string, string | number> = {}) {
    return word(key, this.lang, values)
  }

  private id(text: string): string {
    const base =
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'section'
    const n = (this.ids.get(base) ?? 0) + 1
    this.ids.set(base, n)
    return n === 1 ? base : `${base}-${n}`
  }

  private heading(level: 1 | 2 | 3, text: string) {
    this.blocks.push({ type: 'heading', level, text, id: this.id(text) })
  }

  private indicator(key: string, where: string): IndicatorRow {
    const found = this.indicatorByKey.get(key)
    if (!found) {
      throw new ReportTemplateError(
        `${where}: the indicator "${key}" does not exist${this.data.audience === 'public' ? ' or is not published' : ''}.`,
      )
    }
    return found
  }

  private reportIndicator(i: IndicatorRow): ReportIndicator {
    return {
      nameDe: i.nameDe,
      nameEn: i.nameEn,
      unit: i.unit,
      decimals: i.decimals,
      polarity: i.polarity,
    }
  }

  private name(i: IndicatorRow): string {
    return this.lang === 'de' ? i.nameDe : i.nameEn
  }

  private unit(i: IndicatorRow): string {
    return unitLabel(i.unit, this.lang)
  }

  private layerWords(layer: string) {
    return layerGrammar(layer)[this.lang]
  }

  private value(key: string, area: DataArea, period = this.data.period): ReportValue {
    const row = this.data.row(key, area.layer, area.code, period)
    if (!row) return null
    if (row.status === 'suppressed') return { value: null, status: 'suppressed' }
    return row.value
  }

  /** A table cell: the number as printed, „.“ when suppressed, „–“ when missing. */
  private cell(i: IndicatorRow, value: ReportValue): string {
    const read = readValue(value)
    if (read.status === 'suppressed') return SUPPRESSED
    return read.value === null ? MISSING : formatNumber(read.value, i.decimals, this.lang)
  }

  /** The number of a value, or null when it is suppressed or missing. */
  private num(value: ReportValue): number | null {
    return readValue(value).value
  }

  private tableNote(): string {
    return this.data.audience === 'internal' ? this.t('tableNoteInternal') : this.t('tableNote')
  }

  private parentOf(area: DataArea): DataArea | undefined {
    const li = this.data.layers.indexOf(area.layer)
    if (li <= 0 || area.parentCode === null) return undefined
    return this.areaByKey.get(`${this.data.layers[li - 1]}\t${area.parentCode}`)
  }

  private templateData(area: DataArea): TemplateData {
    const indicators: Record<string, ReportIndicator> = {}
    for (const i of this.data.indicators) indicators[i.key] = this.reportIndicator(i)
    const areas: Record<string, TemplateArea> = {}
    for (const a of this.data.areas) {
      const parent = this.parentOf(a)
      areas[`${a.layer}:${a.code}`] = {
        name: a.name,
        layer: a.layer,
        ...(parent ? { parent: `${parent.layer}:${parent.code}` } : {}),
      }
    }
    const split = (id: string) => {
      const at = id.indexOf(':')
      return { layer: id.slice(0, at), code: id.slice(at + 1) }
    }
    return {
      language: this.lang,
      period: this.data.period,
      area: `${area.layer}:${area.code}`,
      city: `${this.data.city.layer}:${this.data.city.code}`,
      indicators,
      areas,
      value: (indicator, id, period) => {
        const { layer, code } = split(id)
        const a = this.areaByKey.get(`${layer}\t${code}`)
        return a ? this.value(indicator, a, period) : null
      },
      layerAreas: (layer) =>
        this.data.areas.filter((a) => a.layer === layer).map((a) => `${a.layer}:${a.code}`),
    }
  }

  /** Renders a text block; placeholder errors stop the report with their position. */
  private text(text: string, area: DataArea, where: string): ReportText[] {
    const { text: out, errors } = renderTemplate(
      text,
      reportTemplateFunctions(this.templateData(area)),
    )
    if (errors.length > 0) {
      const e = errors[0]!
      throw new ReportTemplateError(
        `${where}, line ${e.line}, column ${e.column}: ${e.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      )
    }
    return out
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map(capitalise)
  }

  private layerPlural(layer = this.data.layer.key): string {
    return this.layerWords(layer).plural
  }

  // ---------------------------------------------------------------------------------------------
  // Blocks

  private async block(block: TemplateBlock, index: number): Promise<void> {
    const where = `Block ${index + 1} (${block.type})`
    switch (block.type) {
      case 'titlePage':
        return this.titlePage()
      case 'toc':
        this.blocks.push({ type: 'toc', title: this.t('contents') })
        return
      case 'heading':
        this.heading(block.level, block.text[this.lang])
        return
      case 'text':
        for (const p of this.text(block.text[this.lang], this.data.city, where)) {
          this.blocks.push({ type: 'paragraph', text: p })
        }
        return
      case 'keyFigures':
        return this.keyFigures(block.indicators, where)
      case 'topicChapters':
        return this.topicChapters(block.indicators, block.maps ?? [], where)
      case 'map':
        this.blocks.push(await this.map(this.indicator(block.indicator, where)))
        return
      case 'chart': {
        const i = this.indicator(block.indicator, where)
        this.blocks.push(
          block.kind === 'ranking' ? this.ranking(i) : this.timeSeries(i, this.data.city),
        )
        return
      }
      case 'areaProfiles':
        return this.areaProfiles(block, where)
      case 'socialIndex':
        return this.socialIndex()
      case 'methods':
        return this.methods()
      case 'glossary':
        this.heading(1, this.t('glossaryHeading'))
        this.blocks.push({
          type: 'definitions',
          items: GLOSSARY.map((g) => ({
            term: g.term[this.lang],
            definition: g.definition[this.lang],
          })),
        })
        return
      case 'pageBreak':
        this.blocks.push({ type: 'pageBreak' })
        return
    }
  }

  private titlePage() {
    const d = this.data
    this.blocks.push({
      type: 'titlePage',
      title: `${this.template.name[this.lang]} ${d.period}`,
      subtitle: d.organization.name,
      lines: [
        this.t('reportYear', { period: d.period }),
        this.t('layerLine', { layers: this.layerPlural() }),
        this.t('dataStateLine', { date: this.dataDate() }),
        d.audience === 'internal' ? this.t('internalEdition') : this.t('publicEdition'),
      ],
    })
  }

  /**
   * The indicators of a list that the audience may see; the others are left out with a warning (a
   * template names indicators an organisation may not have, or has not published).
   */
  private selected(keys: readonly string[] | undefined, where: string): IndicatorRow[] {
    if (!keys) return this.data.indicators
    return keys.flatMap((k) => {
      const found = this.indicatorByKey.get(k)
      if (!found)
        this.warnings.push(`${where}: the indicator "${k}" is not available and was left out.`)
      return found ? [found] : []
    })
  }

  private keyFigures(keys: readonly string[] | undefined, where: string) {
    const d = this.data
    const from = d.period - 5
    const rows = this.selected(keys, where).map((i) => {
      const now = this.value(i.key, d.city)
      const before = d.periods.includes(from) ? this.value(i.key, d.city, from) : null
      const a = this.num(now)
      const b = this.num(before)
      const values = this.layerAreas
        .map((area) => this.num(this.value(i.key, area)))
        .filter((v): v is number => v !== null)
      const change = a !== null && b !== null ? this.difference(a, b, i.decimals) : MISSING
      return [
        this.name(i),
        this.unit(i),
        this.cell(i, now),
        change,
        values.length ? formatNumber(Math.min(...values), i.decimals, this.lang) : MISSING,
        values.length ? formatNumber(Math.max(...values), i.decimals, this.lang) : MISSING,
      ]
    })
    this.blocks.push({
      type: 'table',
      caption: this.t('keyFiguresCaption', { period: d.period }),
      columns: [
        { label: this.t('indicator'), widthMm: 55 },
        { label: this.t('unit'), widthMm: 25 },
        { label: `${this.t('value')} ${d.period}`, align: 'right' },
        { label: `${this.t('change5')} (${from}–${d.period})`, align: 'right' },
        { label: `${this.t('minimum')} (${this.layerPlural()})`, align: 'right' },
        { label: `${this.t('maximum')} (${this.layerPlural()})`, align: 'right' },
      ],
      rows,
      note: this.tableNote(),
    })
  }

  /** The difference of two values as printed (so a reader's subtraction agrees), with its sign. */
  private difference(a: number, b: number, decimals: number): string {
    return this.signed(roundTo(a, decimals) - roundTo(b, decimals), decimals)
  }

  private signed(difference: number, decimals: number): string {
    const text = formatNumber(Math.abs(difference), decimals, this.lang)
    if (text === formatNumber(0, decimals, this.lang)) return text
    return `${difference > 0 ? '+' : '-'}${text}`
  }

  private async topicChapters(
    keys: readonly string[] | undefined,
    maps: readonly string[],
    where: string,
  ) {
    const chosen = this.selected(keys, where)
    const mapped = new Set(this.selected(maps, where).map((i) => i.key))
    const topics = [...new Set(chosen.map((i) => i.topic))]
    for (const topic of topics) {
      const indicators = chosen.filter((i) => i.topic === topic)
      this.heading(1, TOPICS[topic]?.[this.lang] ?? topic)
      for (const i of indicators) {
        await yieldToEventLoop()
        this.heading(2, this.name(i))
        for (const sentence of this.indicatorSentences(i)) {
          this.blocks.push({ type: 'paragraph', text: sentence })
        }
        if (mapped.has(i.key)) {
          this.blocks.push(await this.map(i))
          this.blocks.push(this.ranking(i))
        }
      }
      this.blocks.push(this.areaTable(indicators, TOPICS[topic]?.[this.lang] ?? topic))
    }
  }

  /** City value and change, both ends of the layer and how many areas lie above the city. */
  private indicatorSentences(i: IndicatorRow): string[] {
    const d = this.data
    const ri = this.reportIndicator(i)
    const city = { name: d.city.name, layer: d.city.layer }
    const sentences: string[] = []
    const now = this.value(i.key, d.city)
    const from = d.periods.includes(d.period - 5) ? d.period - 5 : d.periods[0]!
    if (from < d.period) {
      sentences.push(
        changeSentence({
          indicator: ri,
          area: city,
          from,
          to: d.period,
          fromValue: this.value(i.key, d.city, from),
          toValue: now,
          language: this.lang,
        }).text,
      )
    } else {
      sentences.push(
        compareSentence({
          indicator: ri,
          area: city,
          period: d.period,
          value: now,
          reference: { kind: 'city' },
          referenceValue: null,
          language: this.lang,
        }).text,
      )
    }
    const shown = this.layerAreas
      .map((a) => ({ area: a, value: this.num(this.value(i.key, a)) }))
      .filter((x): x is { area: DataArea; value: number } => x.value !== null)
    if (shown.length >= 2) {
      const sorted = [...shown].sort(
        (a, b) => b.value - a.value || a.area.name.localeCompare(b.area.name, 'de'),
      )
      const top = sorted[0]!
      const bottom = sorted[sorted.length - 1]!
      const fmt = (v: number) => formatWithUnit(v, i.decimals, i.unit, this.lang)
      const layer = d.layer.key
      const hi = areaPhrase({ name: top.area.name, layer }, this.lang)
      const lo = areaPhrase({ name: bottom.area.name, layer }, this.lang)
      sentences.push(
        this.lang === 'de'
          ? `Unter den ${countNoun(shown.length, this.layerWords(layer).singular, dativePlural(this.layerPlural()))} mit ausgewiesenem Wert war der Wert ${hi} mit ${fmt(top.value)} am höchsten und ${lo} mit ${fmt(bottom.value)} am niedrigsten.`
          : `Of the ${countNoun(shown.length, this.layerWords(layer).singular, this.layerPlural())} with a value shown, it was highest ${hi} at ${fmt(top.value)} and lowest ${lo} at ${fmt(bottom.value)}.`,
      )
      const cityValue = this.num(now)
      if (cityValue !== null) {
        // compared as printed, so the count agrees with the tables
        const shownCity = roundTo(cityValue, i.decimals)
        const above = shown.filter((x) => roundTo(x.value, i.decimals) > shownCity).length
        sentences.push(
          this.lang === 'de'
            ? `${above} von ${shown.length} lagen über dem städtischen Durchschnitt (${fmt(cityValue)}).`
            : `${above} of ${shown.length} were above the city average (${fmt(cityValue)}).`,
        )
      }
    }
    const hidden = this.layerAreas.length - shown.length
    if (hidden > 0) {
      sentences.push(
        this.lang === 'de'
          ? `Für ${hidden} von ${this.layerAreas.length} ${dativePlural(this.layerPlural())} wird kein Wert ausgewiesen (Datenschutz oder keine Daten).`
          : `No value is shown for ${hidden} of the ${this.layerAreas.length} ${this.layerPlural()} (privacy or no data).`,
      )
    }
    return sentences
  }

  private areaTable(indicators: readonly IndicatorRow[], topicName: string): ReportBlock {
    const d = this.data
    const rows = [...this.layerAreas, d.city].map((area) => [
      area.name,
      ...indicators.map((i) => this.cell(i, this.value(i.key, area))),
    ])
    return {
      type: 'table',
      caption: this.t('topicTableCaption', {
        topic: topicName,
        layers: this.layerPlural(),
        period: d.period,
      }),
      columns: [
        { label: this.t('area'), widthMm: 40 },
        ...indicators.map((i) => ({
          label: `${this.name(i)} (${this.unit(i)})`,
          align: 'right' as const,
        })),
      ],
      rows,
      note: this.tableNote(),
    }
  }

  private mapValues(i: IndicatorRow) {
    return new Map(
      this.layerAreas.map((a) => {
        const row = this.data.row(i.key, a.layer, a.code, this.data.period)
        const status = row?.status ?? 'missing'
        return [a.code, { value: status === 'ok' ? (row?.value ?? null) : null, status }] as const
      }),
    )
  }

  private async map(i: IndicatorRow, highlight?: DataArea, widthMm?: number): Promise<ReportBlock> {
    const caption = this.t('mapCaption', {
      indicator: this.name(i),
      period: this.data.period,
      layers: this.layerPlural(),
    })
    const figure = choroplethFigure({
      areas: await this.data.geometry(),
      values: this.mapValues(i),
      indicator: {
        name: this.name(i),
        unit: this.unit(i),
        decimals: i.decimals,
        polarity: i.polarity,
      },
      title: caption,
      source: i.source,
      language: this.lang,
      ...(highlight ? { highlight: highlight.code } : {}),
    })
    return {
      type: 'figure',
      caption,
      alt: figure.alt,
      svg: figure.svg,
      ...(widthMm ? { widthMm } : {}),
    }
  }

  private ranking(i: IndicatorRow, highlight?: DataArea): ReportBlock {
    const caption = this.t('rankingCaption', {
      indicator: this.name(i),
      period: this.data.period,
      layers: this.layerPlural(),
    })
    const figure = rankingFigure({
      rows: this.layerAreas.map((a) => {
        const row = this.data.row(i.key, a.layer, a.code, this.data.period)
        return {
          code: a.code,
          name: a.name,
          value: row?.status === 'ok' ? row.value : null,
          status: row?.status ?? 'missing',
        }
      }),
      title: caption,
      unit: this.unit(i),
      decimals: i.decimals,
      language: this.lang,
      ...(highlight ? { highlight: highlight.code } : {}),
    })
    return { type: 'figure', caption, alt: figure.alt, svg: figure.svg }
  }

  private timeSeries(i: IndicatorRow, area: DataArea, widthMm?: number): ReportBlock {
    const d = this.data
    const chain: DataArea[] = []
    for (let a: DataArea | undefined = area; a; a = this.parentOf(a)) chain.push(a)
    if (chain.at(-1) !== d.city) chain.push(d.city)
    const caption = `${this.t('timeSeriesCaption', { indicator: this.name(i), from: d.periods[0]!, to: d.periods.at(-1)! })}: ${chain.map((a) => a.name).join(', ')}`
    const figure = timeSeriesFigure({
      series: chain.map((a) => ({
        label: a.name,
        points: d.periods.map((p) => ({ period: p, value: this.num(this.value(i.key, a, p)) })),
      })),
      title: caption,
      unit: this.unit(i),
      decimals: i.decimals,
      language: this.lang,
    })
    return {
      type: 'figure',
      caption,
      alt: figure.alt,
      svg: figure.svg,
      ...(widthMm ? { widthMm } : {}),
    }
  }

  private async areaProfiles(
    block: Extract<TemplateBlock, { type: 'areaProfiles' }>,
    where: string,
  ) {
    const d = this.data
    const indicators = this.selected(block.indicators, where)
    const highlights = this.selected(block.highlights ?? [], where)
    this.heading(1, this.t('profilesHeading', { layers: this.layerPlural() }))
    const ranks = new Map(
      indicators.map((i) => {
        const values = this.layerAreas.map((a) => this.value(i.key, a))
        const { ranks: r, count } = rankValues(values, i.decimals)
        return [
          i.key,
          { ranks: new Map(this.layerAreas.map((a, k) => [a.code, r[k] ?? null])), count },
        ]
      }),
    )
    const mapIndicator = block.map
      ? this.selected([block.map], where)[0]
      : (highlights[0] ?? indicators[0])
    for (const [n, area] of this.layerAreas.entries()) {
      this.onProgress?.(n / this.layerAreas.length, area.name)
      await yieldToEventLoop()
      if (n > 0) this.blocks.push({ type: 'pageBreak' })
      this.heading(2, area.name)
      if (block.text) {
        for (const p of this.text(block.text[this.lang], area, `${where}, ${area.name}`)) {
          this.blocks.push({ type: 'paragraph', text: p })
        }
      }
      const parent = this.parentOf(area)
      const ri = (i: IndicatorRow) => this.reportIndicator(i)
      for (const i of highlights) {
        const sentence = compareSentence({
          indicator: ri(i),
          area: { name: area.name, layer: area.layer },
          period: d.period,
          value: this.value(i.key, area),
          reference: { kind: 'city' },
          referenceValue: this.value(i.key, d.city),
          language: this.lang,
        })
        const rank = ranks.get(i.key)!
        const position = rank.ranks.get(area.code) ?? null
        const rankText =
          position !== null
            ? this.lang === 'de'
              ? ` ${area.name} hat damit ${rankPhrase({ position, count: rank.count, total: this.layerAreas.length, layer: area.layer, language: 'de' })}.`
              : ` That is ${rankPhrase({ position, count: rank.count, total: this.layerAreas.length, layer: area.layer, language: 'en' })}.`
            : ''
        this.blocks.push({ type: 'paragraph', text: sentence.text + rankText })
      }
      if (mapIndicator) this.blocks.push(await this.map(mapIndicator, area, 110))
      const rows = indicators.map((i) => {
        const own = this.value(i.key, area)
        const cityValue = this.value(i.key, d.city)
        const a = this.num(own)
        const c = this.num(cityValue)
        const rank = ranks.get(i.key)!
        const position = rank.ranks.get(area.code) ?? null
        return [
          `${this.name(i)} (${this.unit(i)})`,
          this.cell(i, own),
          parent ? this.cell(i, this.value(i.key, parent)) : MISSING,
          this.cell(i, cityValue),
          measureOf(i) === 'count'
            ? ''
            : a !== null && c !== null
              ? this.difference(a, c, i.decimals)
              : MISSING,
          position !== null ? `${position}/${rank.count}` : MISSING,
        ]
      })
      const parentName = parent?.name ?? MISSING
      this.blocks.push({
        type: 'table',
        caption: this.t('profileTableCaption', {
          of: ofArea(this.layerWords(area.layer), area.name),
          period: d.period,
        }),
        columns: [
          { label: this.t('indicator'), widthMm: 62 },
          { label: area.name, align: 'right' },
          { label: parentName, align: 'right' },
          { label: this.t('city'), align: 'right' },
          { label: this.t('differenceToCity'), align: 'right' },
          { label: this.t('rank'), align: 'right' },
        ],
        rows,
        note: this.tableNote(),
      })
    }
  }

  private socialIndex() {
    const d = this.data
    const index = d.socialIndex
    this.heading(1, d.socialIndexName?.[this.lang] ?? this.t('socialIndexHeading'))
    if (!index) {
      this.blocks.push({ type: 'paragraph', text: this.t('socialIndexMissing'), role: 'note' })
      return
    }
    const classes = {
      status: {
        high: { de: 'hoch', en: 'high' },
        medium: { de: 'mittel', en: 'medium' },
        low: { de: 'niedrig', en: 'low' },
        very_low: { de: 'sehr niedrig', en: 'very low' },
      },
      dynamics: {
        positive: { de: 'positiv', en: 'positive' },
        stable: { de: 'stabil', en: 'stable' },
        negative: { de: 'negativ', en: 'negative' },
      },
    } as const
    const statusCounts = (Object.keys(classes.status) as (keyof typeof classes.status)[]).map(
      (k) => `${classes.status[k][this.lang]}: ${index.counts.status[k] ?? 0}`,
    )
    this.blocks.push({
      type: 'paragraph',
      text:
        this.lang === 'de'
          ? `Der Index fasst ${index.definition.indicators.length} Kennzahlen zusammen (Version ${index.version}, ${d.period}, Dynamik seit ${index.dynamicsFrom}). Statusklassen der ${this.layerPlural()}: ${statusCounts.join(', ')}.`
          : `The index combines ${index.definition.indicators.length} key figures (version ${index.version}, ${d.period}, dynamics since ${index.dynamicsFrom}). Status classes of the ${this.layerPlural()}: ${statusCounts.join(', ')}.`,
    })
    this.blocks.push({
      type: 'table',
      caption: `${d.socialIndexName?.[this.lang] ?? this.t('socialIndexHeading')} ${d.period}`,
      columns: [
        { label: this.t('area'), widthMm: 50 },
        { label: this.t('statusClass') },
        { label: this.t('dynamicsClass') },
        { label: this.t('combinedClass') },
      ],
      rows: index.areas.map((a) => [
        a.name,
        classes.status[a.statusClass][this.lang],
        a.dynamicsClass ? classes.dynamics[a.dynamicsClass][this.lang] : MISSING,
        a.combined ?? MISSING,
      ]),
    })
    if (index.excluded.length > 0) {
      this.blocks.push({
        type: 'paragraph',
        text: `${this.t('excluded')}: ${index.excluded.map((e) => `${e.name} (${e.detail})`).join('; ')}.`,
        role: 'note',
      })
    }
  }

  private methods() {
    const d = this.data
    this.heading(1, this.t('methodsHeading'))
    this.blocks.push({
      type: 'paragraph',
      text:
        this.lang === 'de'
          ? `Alle Werte beziehen sich auf das Jahresende. Karten teilen die ${this.layerPlural()} in fünf Quantilklassen; die Farbe ist so gewählt, dass die ungünstige Seite stets am kräftigsten erscheint. Differenzen von Quoten sind in Prozentpunkten angegeben und aus den gerundeten Werten berechnet.`
          : `All values refer to the end of the year. Maps divide the ${this.layerPlural()} into five quantile classes, coloured so that the unfavourable end is always the strongest. Differences of rates are given in percentage points and computed from the rounded values.`,
    })
    this.blocks.push({
      type: 'paragraph',
      text:
        d.audience === 'public'
          ? this.lang === 'de'
            ? 'Statistische Geheimhaltung: Werte, die auf weniger Fällen als der Mindestfallzahl beruhen, und Werte, aus denen sich solche zurückrechnen ließen, sind mit „.“ gekennzeichnet und gehen in keinen Vergleich und keine Rangfolge ein.'
            : 'Statistical disclosure control: values based on fewer cases than the minimum case number, and values from which such values could be derived, are marked “.” and enter no comparison or ranking.'
          : this.t('internalEdition'),
    })
    this.blocks.push({
      type: 'table',
      caption: this.t('indicatorsCaption'),
      columns: [
        { label: this.t('indicator'), widthMm: 45 },
        { label: this.t('definition') },
        { label: this.t('source'), widthMm: 40 },
      ],
      rows: d.indicators.map((i) => [
        `${this.name(i)} (${this.unit(i)})`,
        this.lang === 'de' ? i.definitionDe : i.definitionEn,
        i.source,
      ]),
    })
    this.heading(2, this.t('dataStateHeading'))
    this.blocks.push({
      type: 'table',
      caption: this.t('importsCaption'),
      columns: [
        { label: this.t('importColumn') },
        { label: this.t('kindColumn'), widthMm: 30 },
        { label: this.t('dateColumn'), widthMm: 35 },
      ],
      rows: d.state.imports.map((imp) => [imp.source, imp.kind, imp.at.slice(0, 10)]),
    })
    this.blocks.push({ type: 'paragraph', text: this.t('generatedBy'), role: 'note' })
  }
}
