import { describe, expect, it } from 'vitest'

import { parseTemplate } from '../../core/report/template.js'
import { MESSAGES } from '../i18n/index.js'
import type { ReportTemplate, TemplateBlock, TemplateProblem } from './api.js'
import {
  addedIndices,
  afterSave,
  blockLabel,
  canMove,
  editorBlocks,
  emptyTextBlocks,
  insertTextAfter,
  isChanged,
  isEditable,
  moveBlock,
  problemsByBlock,
  problemsOf,
  removeBlock,
  setBlockText,
  templateToSave,
} from './templateModel.js'

// The block structure of the server's built-in templates (src/modules/reports/templates.ts; the
// web app may not import it — test/e2e/report-templates.test.ts compares a save with the real one).
const profiles: ReportTemplate = {
  key: 'sozialraumprofile',
  name: { de: 'Sozialraumprofile', en: 'Area profiles' },
  layer: 'sozialraum',
  blocks: [
    { type: 'titlePage' },
    { type: 'toc' },
    { type: 'heading', level: 1, text: { de: 'Zu diesen Profilen', en: 'About these profiles' } },
    { type: 'text', text: { de: 'Stand: {{period}}.', en: 'Data for {{period}}.' } },
    {
      type: 'areaProfiles',
      indicators: ['residents', 'sgb2_rate'],
      highlights: ['sgb2_rate'],
      map: 'sgb2_rate',
      text: { de: '{{value residents}} {{in_area}}.', en: '{{value residents}} {{in_area}}.' },
    },
    { type: 'methods' },
  ],
}
const social: ReportTemplate = {
  key: 'sozialbericht',
  name: { de: 'Sozialbericht', en: 'Social report' },
  layer: 'sozialraum',
  blocks: [
    { type: 'titlePage' },
    { type: 'toc' },
    { type: 'heading', level: 1, text: { de: 'Einleitung', en: 'Introduction' } },
    { type: 'text', text: { de: 'Im Jahr {{period}} …', en: 'In {{period}} …' } },
    {
      type: 'heading',
      level: 1,
      text: { de: 'Die Stadt im Überblick', en: 'The city at a glance' },
    },
    { type: 'keyFigures' },
    { type: 'topicChapters', maps: ['share_u15', 'sgb2_rate'] },
    { type: 'socialIndex' },
    { type: 'methods' },
    { type: 'glossary' },
  ],
}

/** The placeholder problems of a template as the server finds them (templateProblems). */
function serverProblems(template: ReportTemplate): TemplateProblem[] {
  return template.blocks.flatMap((block, index) => {
    const text = 'text' in block ? block.text : undefined
    if (!text) return []
    return (['de', 'en'] as const).flatMap((language) =>
      parseTemplate(text[language]).errors.map((error) => ({
        block: index,
        language,
        line: error.line,
        column: error.column,
        message: error.message,
      })),
    )
  })
}

describe('template editor: the list of blocks', () => {
  it('lists every block with an id, none added', () => {
    const list = editorBlocks(profiles.blocks)
    expect(list.map((e) => e.block.type)).toEqual([
      'titlePage',
      'toc',
      'heading',
      'text',
      'areaProfiles',
      'methods',
    ])
    expect(new Set(list.map((e) => e.id)).size).toBe(list.length)
    expect(list.some((e) => e.added)).toBe(false)
  })

  it('edits text and headings only', () => {
    expect(profiles.blocks.filter(isEditable).map((b) => b.type)).toEqual(['heading', 'text'])
    const list = editorBlocks(profiles.blocks)
    // The profiles' own text is computed per area; the editor leaves it alone.
    expect(setBlockText(list, 4, 'de', 'x')[4]).toBe(list[4])
    const edited = setBlockText(list, 2, 'en', 'About the profiles')
    expect(edited[2]!.block).toEqual({
      type: 'heading',
      level: 1,
      text: { de: 'Zu diesen Profilen', en: 'About the profiles' },
    })
    // The template as loaded is not changed.
    expect(list[2]!.block).toBe(profiles.blocks[2])
  })

  it('inserts an empty text block after any block', () => {
    const list = editorBlocks(profiles.blocks)
    const inserted = insertTextAfter(list, 3, 99)
    expect(inserted).toHaveLength(7)
    expect(inserted[4]).toEqual({
      id: 99,
      block: { type: 'text', text: { de: '', en: '' } },
      added: true,
    })
    expect(insertTextAfter(list, 5, 99).at(-1)!.id).toBe(99)
    expect(insertTextAfter(list, 6, 99)).toEqual(list)
  })

  it('moves and removes only the blocks the planner added', () => {
    const list = insertTextAfter(editorBlocks(profiles.blocks), 3, 99)
    expect(canMove(list, 4, -1)).toBe(true)
    expect(canMove(list, 3, 1)).toBe(false)
    expect(canMove(list, 0, -1)).toBe(false)
    const up = moveBlock(list, 4, -1)
    expect(up.map((e) => e.block.type).slice(2, 5)).toEqual(['heading', 'text', 'text'])
    expect(up[3]!.id).toBe(99)
    expect(moveBlock(list, 3, 1)).toEqual(list)
    const last = moveBlock(moveBlock(list, 4, 1), 5, 1)
    expect(last.at(-1)!.id).toBe(99)
    expect(canMove(last, 6, 1)).toBe(false)
    expect(removeBlock(list, 4)).toEqual(editorBlocks(profiles.blocks))
    expect(removeBlock(list, 3)).toEqual(list)
  })
})

describe('template editor: what a save sends', () => {
  it('sends the template unchanged but for the edits', () => {
    let list = insertTextAfter(editorBlocks(social.blocks), 3, 50)
    list = setBlockText(list, 4, 'de', 'Ergänzung: {{value residents}} Einwohner insgesamt.')
    list = setBlockText(list, 4, 'en', 'In addition: {{value residents}} residents.')
    const sent = templateToSave(social, list)
    expect(sent.key).toBe('sozialbericht')
    expect(sent.name).toEqual(social.name)
    expect(sent.layer).toBe(social.layer)
    expect(sent.blocks.filter((_, i) => i !== 4)).toEqual(social.blocks)
    expect(sent.blocks[7]).toBe(social.blocks[6])
    expect(serverProblems(sent)).toEqual([])
    expect(isChanged(social, list)).toBe(true)
    expect(isChanged(social, editorBlocks(social.blocks))).toBe(false)
  })

  it('finds empty text blocks before saving', () => {
    let list = insertTextAfter(insertTextAfter(editorBlocks(profiles.blocks), 0, 20), 4, 21)
    expect(emptyTextBlocks(list)).toEqual([1, 5])
    list = setBlockText(list, 5, 'en', 'Only English.')
    list = setBlockText(list, 1, 'de', '   ')
    expect(emptyTextBlocks(list)).toEqual([1])
  })

  it('marks the block the server names, from the same parser', () => {
    let list = insertTextAfter(editorBlocks(profiles.blocks), 3, 42)
    list = setBlockText(list, 4, 'de', 'Ergänzung: {{value residents')
    list = setBlockText(list, 4, 'en', 'Fine: {{period}}.')
    list = setBlockText(list, 3, 'en', 'Broken {{value sgb2_rate area="x}}')
    const server = serverProblems(templateToSave(profiles, list))
    expect(server.map((p) => [p.block, p.language])).toEqual([
      [3, 'en'],
      [4, 'de'],
    ])
    // The error body as JSON carries them under details.problems.
    const details = JSON.parse(JSON.stringify({ problems: server })) as unknown
    const problems = problemsOf(details, list.length)
    expect(problems).toEqual(server)
    const byId = problemsByBlock(problems, list)
    expect([...byId.keys()]).toEqual([list[3]!.id, 42])
    expect(byId.get(42)![0]).toMatchObject({ language: 'de', line: 1, column: 12 })
  })

  it('ignores malformed problems and blocks that were not sent', () => {
    expect(problemsOf(undefined, 3)).toEqual([])
    expect(problemsOf({ issues: [] }, 3)).toEqual([])
    const good = { block: 2, language: 'en', line: 1, column: 1, message: 'x' }
    expect(
      problemsOf(
        {
          problems: [
            good,
            { ...good, block: 3 },
            { ...good, block: -1 },
            { ...good, language: 'fr' },
            { ...good, line: '1' },
            null,
          ],
        },
        3,
      ),
    ).toEqual([good])
  })

  it('keeps the added blocks movable after a save', () => {
    let list = insertTextAfter(editorBlocks(profiles.blocks), 3, 42)
    list = setBlockText(list, 4, 'de', 'Neu.')
    expect([...addedIndices(list)]).toEqual([4])
    const saved = {
      key: profiles.key,
      version: 1,
      builtIn: true,
      template: templateToSave(profiles, list),
      createdAt: '2025-01-01T00:00:00Z',
    }
    const next = afterSave(saved, list, 100)
    expect(next.map((e) => e.id)).toEqual([100, 101, 102, 103, 104, 105, 106])
    expect(next.map((e) => e.added)).toEqual([false, false, false, false, true, false, false])
    expect(isChanged(saved.template, next)).toBe(false)
  })
})

describe('template editor: block labels', () => {
  const label = (block: TemplateBlock, language: 'de' | 'en' = 'de') => {
    const { key, params } = blockLabel(block, language)
    return MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')
  }

  it('names every block of the built-in templates in German', () => {
    expect(social.blocks.map((b) => label(b))).toEqual([
      'Titelseite',
      'Inhaltsverzeichnis',
      'Überschrift: Einleitung',
      'Text',
      'Überschrift: Die Stadt im Überblick',
      'Kennzahlen der Stadt',
      'Themenkapitel',
      'Sozialindex',
      'Methoden',
      'Glossar',
    ])
    expect(profiles.blocks.map((b) => label(b, 'en'))).toEqual([
      'Title page',
      'Table of contents',
      'Heading: About these profiles',
      'Text',
      'Area profiles',
      'Methods',
    ])
  })

  it('names maps, charts and empty headings', () => {
    expect(label({ type: 'map', indicator: 'sgb2_rate' })).toBe('Karte: sgb2_rate')
    expect(label({ type: 'chart', kind: 'timeseries', indicator: 'residents' })).toBe(
      'Zeitreihe: residents',
    )
    expect(label({ type: 'chart', kind: 'ranking', indicator: 'residents' }, 'en')).toBe(
      'Ranking: residents',
    )
    expect(label({ type: 'heading', level: 2, text: { de: '', en: 'Only English' } })).toBe(
      'Überschrift: Only English',
    )
    expect(label({ type: 'heading', level: 2, text: { de: ' ', en: '' } })).toBe(
      'Überschrift (leer)',
    )
  })
})
