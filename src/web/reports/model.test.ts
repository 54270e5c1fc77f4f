import { describe, expect, it } from 'vitest'

import { translate } from '../i18n/index.js'
import type { StoredTemplate } from './api.js'
import {
  defaultFormats,
  fileSize,
  formProblems,
  isActive,
  publishState,
  type ReportForm,
  requestFor,
  statusChanges,
  statusMessage,
  templateLabel,
  upsertReport,
} from './model.js'

const form: ReportForm = {
  template: 'sozialraumprofile',
  audience: 'public',
  language: 'de',
  layer: '',
  period: '',
  formats: ['html', 'pdf'],
}

describe('reports: the request a form sends', () => {
  it('leaves the defaults to the server and orders the formats', () => {
    expect(requestFor({ ...form, formats: ['docx', 'html'] })).toEqual({
      template: 'sozialraumprofile',
      audience: 'public',
      language: 'de',
      formats: ['html', 'docx'],
    })
    expect(
      requestFor({ ...form, layer: 'stadtbezirk', period: '2022', audience: 'internal' }),
    ).toEqual({
      template: 'sozialraumprofile',
      audience: 'internal',
      language: 'de',
      layer: 'stadtbezirk',
      period: 2022,
      formats: ['html', 'pdf'],
    })
  })

  it('names what is missing before anything is sent', () => {
    expect(formProblems(form, true)).toEqual([])
    expect(formProblems({ ...form, template: '', formats: [] }, true)).toEqual([
      'templateMissing',
      'formatsMissing',
    ])
    expect(formProblems(form, false)).toEqual(['pdfUnavailable'])
    expect(formProblems({ ...form, formats: ['html'] }, false)).toEqual([])
  })

  it('ticks every format the server can produce', () => {
    expect(defaultFormats(true)).toEqual(['html', 'pdf', 'docx'])
    expect(defaultFormats(false)).toEqual(['html', 'docx'])
  })
})

describe('reports: the list', () => {
  const r = (id: number, createdAt: string, status = 'done' as const) => ({ id, createdAt, status })

  it('puts a new report first and replaces a polled one in place', () => {
    const list = [r(2, '2024-05-02T10:00:00Z'), r(1, '2024-05-01T10:00:00Z')]
    expect(upsertReport(list, r(3, '2024-05-03T10:00:00Z')).map((x) => x.id)).toEqual([3, 2, 1])
    const updated = upsertReport(list, {
      ...r(1, '2024-05-01T10:00:00Z'),
      status: 'failed' as never,
    })
    expect(updated.map((x) => [x.id, x.status])).toEqual([
      [2, 'done'],
      [1, 'failed'],
    ])
    // Same second: the higher id is the newer one (the server's order).
    expect(
      upsertReport([r(4, '2024-05-03T10:00:00Z')], r(5, '2024-05-03T10:00:00Z')).map((x) => x.id),
    ).toEqual([5, 4])
  })

  it('polls queued and running reports only', () => {
    expect(
      ['queued', 'running', 'done', 'failed'].map((status) => isActive({ status } as never)),
    ).toEqual([true, true, false, false])
  })

  it('finds the reports whose status changed', () => {
    const before = [
      { id: 1, status: 'queued' as const },
      { id: 2, status: 'running' as const },
    ]
    const after = [
      { id: 1, status: 'running' as const },
      { id: 2, status: 'running' as const },
      { id: 3, status: 'queued' as const },
    ]
    expect(statusChanges(before, after)).toEqual([{ id: 1, status: 'running' }])
  })
})

describe('reports: publishing', () => {
  it('offers publishing for finished public reports only', () => {
    expect(publishState({ audience: 'public', status: 'done', published: false })).toBe(
      'publishable',
    )
    expect(publishState({ audience: 'public', status: 'done', published: true })).toBe('published')
    expect(publishState({ audience: 'internal', status: 'done', published: false })).toBe(
      'internal',
    )
    expect(publishState({ audience: 'public', status: 'running', published: false })).toBe(
      'unfinished',
    )
    expect(publishState({ audience: 'public', status: 'failed', published: false })).toBe(
      'unfinished',
    )
  })
})

describe('reports: words', () => {
  const text = (report: Parameters<typeof statusMessage>[0]) => {
    const { key, params } = statusMessage(report)
    return translate('de', key, params)
  }

  it('says what a running job does, with its percentage', () => {
    expect(text({ status: 'queued', step: 'queued', progress: 0 })).toBe('Wartet auf den Start')
    expect(text({ status: 'running', step: 'data', progress: 0 })).toBe(
      'Daten werden gelesen (0 %)',
    )
    expect(text({ status: 'running', step: 'keyFigures', progress: 0.234 })).toBe(
      'Inhalt wird aufgebaut (23 %)',
    )
    expect(text({ status: 'running', step: 'Altstadt-Nord', progress: 0.4 })).toBe(
      'Profil „Altstadt-Nord“ wird geschrieben (40 %)',
    )
    expect(text({ status: 'running', step: 'pdf', progress: 0.8 })).toBe('PDF wird erzeugt (80 %)')
    expect(text({ status: 'done', step: 'done', progress: 1 })).toBe('Fertig')
    expect(text({ status: 'failed', step: 'failed', progress: 0.3 })).toBe('Fehlgeschlagen')
  })

  it('names templates in the UI language, with a saved version', () => {
    const stored: StoredTemplate = {
      key: 'sozialbericht',
      version: 0,
      builtIn: true,
      template: {
        key: 'sozialbericht',
        name: { de: 'Sozialbericht', en: 'Social report' },
        layer: 'sozialraum',
      },
      createdAt: null,
    }
    expect(templateLabel(stored, 'de')).toBe('Sozialbericht')
    expect(templateLabel(stored, 'en')).toBe('Social report')
    expect(templateLabel({ ...stored, version: 3 }, 'de')).toBe('Sozialbericht (3)')
  })

  it('writes file sizes in B, kB and MB', () => {
    const de = (value: number, digits: number) =>
      new Intl.NumberFormat('de-DE', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(value)
    expect(fileSize(512, de)).toBe('512 B')
    expect(fileSize(4_321, de)).toBe('4,3 kB')
    expect(fileSize(48_700, de)).toBe('49 kB')
    expect(fileSize(1_234_567, de)).toBe('1,2 MB')
  })
})
