import { describe, expect, it } from 'vitest'

import {
  parseTemplate,
  renderTemplate,
  reportTemplateFunctions,
  TemplateArgumentError,
  type TemplateData,
} from './template.js'
import type { ReportValue } from './text.js'

const nb = (text: string) => text.replaceAll('~', '\u00a0')

// A small city: two districts, four social areas; child poverty 2019 and 2024.
const VALUES: Record<string, Record<number, ReportValue>> = {
  city: { 2019: 15.1, 2024: 16.71 },
  mitte: { 2019: 20, 2024: 21.4 },
  nord: { 2019: 12, 2024: 12.0 },
  sr1: { 2019: 28.9, 2024: 31.24 },
  sr2: { 2019: 18, 2024: 22.5 },
  sr3: { 2019: 10, 2024: { value: null, status: 'suppressed' } },
  sr4: { 2019: 9, 2024: 8.1 },
}

function data(overrides: Partial<TemplateData> = {}): TemplateData {
  return {
    period: 2024,
    area: 'sr1',
    city: 'city',
    indicators: {
      child_poverty: {
        nameDe: 'Kinderarmut',
        nameEn: 'Child poverty',
        unit: '%',
        decimals: 1,
        polarity: 'higher_is_worse',
      },
    },
    areas: {
      city: { name: 'Musterstadt', layer: 'gesamtstadt' },
      mitte: { name: 'Mitte', layer: 'stadtbezirk', parent: 'city' },
      nord: { name: 'Nord', layer: 'stadtbezirk', parent: 'city' },
      sr1: { name: 'Nordstadt', layer: 'sozialraum', parent: 'mitte' },
      sr2: { name: 'Altstadt', layer: 'sozialraum', parent: 'mitte' },
      sr3: { name: 'Hafen', layer: 'sozialraum', parent: 'nord' },
      sr4: { name: 'Heide', layer: 'sozialraum', parent: 'nord' },
    },
    value: (indicator, area, period) =>
      indicator === 'child_poverty' ? (VALUES[area]?.[period] ?? null) : null,
    layerAreas: (layer) => (layer === 'sozialraum' ? ['sr1', 'sr2', 'sr3', 'sr4'] : []),
    ...overrides,
  }
}

describe('parseTemplate', () => {
  it('splits text and placeholders with arguments, options and positions', () => {
    const text = 'Die Kinderarmut lag {{value child_poverty area=current}} …'
    const { parts, errors } = parseTemplate(text)
    expect(errors).toEqual([])
    expect(parts).toEqual([
      'Die Kinderarmut lag ',
      {
        name: 'value',
        args: ['child_poverty'],
        options: { area: 'current' },
        source: '{{value child_poverty area=current}}',
        start: 20,
        end: 56,
      },
      ' …',
    ])
  })

  it('reads quoted option values and escaped braces', () => {
    const { parts } = parseTemplate('\\{{literal}} {{ area  area="a b" }}')
    expect(parts[0]).toBe('{{literal}} ')
    expect(parts[1]).toMatchObject({ name: 'area', options: { area: 'a b' } })
  })

  it('reports unclosed and malformed placeholders with line and column', () => {
    const { errors, parts } = parseTemplate('Zeile 1\nWert {{value x\nZeile 3 {{=1}} {{Value}}')
    expect(errors.map((e) => [e.code, e.line, e.column, e.source])).toEqual([
      ['TEMPLATE_UNCLOSED', 2, 6, '{{value x'],
      ['TEMPLATE_SYNTAX', 3, 9, '{{=1}}'],
      ['TEMPLATE_SYNTAX', 3, 16, '{{Value}}'],
    ])
    // The text is kept as written so an editor sees it.
    expect(parts.join('')).toBe('Zeile 1\nWert {{value x\nZeile 3 {{=1}} {{Value}}')
  })
})

describe('renderTemplate with the report functions', () => {
  it('fills a text block with live numbers (German)', () => {
    const text =
      'Die Kinderarmut lag {{in_area}} {{period}} bei {{value child_poverty area=current}} und damit {{compare child_poverty}}. Sie ist {{change child_poverty years=5}}; damit hat der Sozialraum {{rank child_poverty}}.'
    const result = renderTemplate(text, reportTemplateFunctions(data()))
    expect(result.errors).toEqual([])
    expect(result.text).toBe(
      nb(
        'Die Kinderarmut lag im Sozialraum Nordstadt 2024 bei 31,2~% und damit 14,5~Prozentpunkte über dem städtischen Durchschnitt (16,7~%). Sie ist um 2,3~Prozentpunkte gestiegen (von 28,9~% auf 31,2~%); damit hat der Sozialraum den höchsten Wert der 3 Sozialräume mit ausgewiesenem Wert.',
      ),
    )
  })

  it('fills the same in English, against the parent area', () => {
    const text =
      '{{name child_poverty}} in {{area}}: {{value child_poverty}}, {{compare child_poverty with=parent}}; {{rank child_poverty area=sr4}}.'
    const result = renderTemplate(text, reportTemplateFunctions(data({ language: 'en' })))
    expect(result.errors).toEqual([])
    expect(result.text).toBe(
      nb(
        'Child poverty in Nordstadt: 31.2%, 9.8~percentage points above the value of the Mitte city district (21.4%); the lowest value of the 3 social areas with a value shown.',
      ),
    )
  })

  it('shows suppressed values as such and never ranks them', () => {
    const result = renderTemplate(
      '{{value child_poverty}} / {{compare child_poverty}} / {{rank child_poverty}} / {{change child_poverty from=2019}}',
      reportTemplateFunctions(data({ area: 'sr3' })),
    )
    expect(result.text).toBe(Array(4).fill('aus Datenschutzgründen nicht ausgewiesen').join(' / '))
  })

  it('reports unknown placeholders, indicators, areas and options with their position', () => {
    const text =
      'A {{wert child_poverty}}\nB {{value kinderarmut}} C {{value child_poverty area=sued}} D {{value child_poverty colour=red}} E {{change child_poverty years=x}} F {{period 2024}}'
    const result = renderTemplate(text, reportTemplateFunctions(data()))
    const line2 = text.split('\n')[1]!
    const at = (source: string) => line2.indexOf(source) + 1
    expect(result.errors.map((e) => [e.code, e.line, e.column, e.message])).toEqual([
      [
        'TEMPLATE_UNKNOWN_FUNCTION',
        1,
        3,
        'Unknown placeholder "wert"; expected one of: area, change, compare, in_area, name, period, rank, subject, value.',
      ],
      ['TEMPLATE_BAD_ARGUMENT', 2, 3, 'Unknown indicator "kinderarmut".'],
      [
        'TEMPLATE_BAD_ARGUMENT',
        2,
        at('{{value child_poverty area=sued}}'),
        'Unknown area "sued" in area=; expected current, parent, city or an area id.',
      ],
      [
        'TEMPLATE_BAD_ARGUMENT',
        2,
        at('{{value child_poverty colour=red}}'),
        '"value" has no option "colour"; expected area, period.',
      ],
      [
        'TEMPLATE_BAD_ARGUMENT',
        2,
        at('{{change child_poverty years=x}}'),
        'years= expects a number of years like 5, got "x".',
      ],
      [
        'TEMPLATE_BAD_ARGUMENT',
        2,
        at('{{period 2024}}'),
        '"period" takes no argument; got "2024".',
      ],
    ])
    expect(result.errors[2]!.start).toBe(text.indexOf('{{value child_poverty area=sued}}'))
    // Each faulty placeholder stays verbatim.
    expect(result.text).toBe(text)
  })

  it('never evaluates code and does not reach inherited properties', () => {
    const result = renderTemplate(
      '{{constructor}} {{value __proto__}} {{value toString}}',
      reportTemplateFunctions(data()),
    )
    expect(result.errors.map((e) => e.code)).toEqual([
      'TEMPLATE_UNKNOWN_FUNCTION',
      'TEMPLATE_BAD_ARGUMENT',
      'TEMPLATE_BAD_ARGUMENT',
    ])
  })

  it('lets other errors of a function through (a bug is not a template error)', () => {
    const functions = {
      boom: () => {
        throw new TypeError('bug')
      },
      fine: () => {
        throw new TemplateArgumentError('bad')
      },
    }
    expect(renderTemplate('{{fine}}', functions).errors[0]?.message).toBe('bad')
    expect(() => renderTemplate('{{boom}}', functions)).toThrow(TypeError)
  })
})
