/**
 * Pure rules of the template editor („Vorlagen bearbeiten“): the blocks of a template as an
 * editable list, what can be edited, inserted, moved and removed, the template a save sends
 * (every block unchanged except the edits), the server's placeholder problems per block, and how a
 * block is named in the UI. No I/O; tested in templateModel.test.ts.
 */
import type { MessageKey } from '../i18n/index.js'
import type {
  FullTemplate,
  LocalText,
  ReportLanguage,
  ReportTemplate,
  TemplateBlock,
  TemplateProblem,
} from './api.js'

/** A block in the editor: a stable id (React key, focus), the block, and whether the planner added it. */
export interface EditorBlock {
  id: number
  block: TemplateBlock
  /** Added in this editor (removable and movable); blocks of the template stay where they are. */
  added: boolean
}

/**
 * The editor's list for a template's blocks; ids count from `firstId`, `added` marks the indices
 * the planner added (kept across a save, whose answer has the blocks in the same order).
 */
export function editorBlocks(
  blocks: readonly TemplateBlock[],
  firstId = 1,
  added: ReadonlySet<number> = new Set(),
): EditorBlock[] {
  return blocks.map((block, index) => ({ id: firstId + index, block, added: added.has(index) }))
}

/** Text and headings are edited in the editor; every other block is computed from the data. */
export const isEditable = (
  block: TemplateBlock,
): block is Extract<TemplateBlock, { type: 'text' | 'heading' }> =>
  block.type === 'text' || block.type === 'heading'

/** A new, empty text block after `index` (any block can have one after it). */
export function insertTextAfter(
  list: readonly EditorBlock[],
  index: number,
  id: number,
): EditorBlock[] {
  if (index < 0 || index >= list.length) return [...list]
  const block: EditorBlock = { id, block: { type: 'text', text: { de: '', en: '' } }, added: true }
  return [...list.slice(0, index + 1), block, ...list.slice(index + 1)]
}

/** Whether the block at `index` can move by `offset` (only blocks the planner added, within the list). */
export function canMove(list: readonly EditorBlock[], index: number, offset: -1 | 1): boolean {
  const target = index + offset
  return list[index]?.added === true && target >= 0 && target < list.length
}

/** The list with the added block at `index` swapped with its neighbour; unchanged otherwise. */
export function moveBlock(
  list: readonly EditorBlock[],
  index: number,
  offset: -1 | 1,
): EditorBlock[] {
  if (!canMove(list, index, offset)) return [...list]
  const next = [...list]
  const target = index + offset
  ;[next[index], next[target]] = [next[target]!, next[index]!]
  return next
}

/** The list without the added block at `index`; blocks of the template are never removed. */
export function removeBlock(list: readonly EditorBlock[], index: number): EditorBlock[] {
  if (list[index]?.added !== true) return [...list]
  return list.filter((_, i) => i !== index)
}

/** The list with one language of an editable block's text replaced. */
export function setBlockText(
  list: readonly EditorBlock[],
  index: number,
  language: ReportLanguage,
  value: string,
): EditorBlock[] {
  return list.map((entry, i) => {
    if (i !== index || !isEditable(entry.block)) return entry
    const text: LocalText = { ...entry.block.text, [language]: value }
    return { ...entry, block: { ...entry.block, text } }
  })
}

/** The whole template a save sends: key, name and layer as loaded, the blocks of the editor. */
export function templateToSave(
  template: ReportTemplate,
  list: readonly EditorBlock[],
): ReportTemplate {
  return { ...template, blocks: list.map((entry) => entry.block) }
}

/** Whether the editor differs from the template as loaded. */
export function isChanged(template: ReportTemplate, list: readonly EditorBlock[]): boolean {
  return JSON.stringify(template.blocks) !== JSON.stringify(list.map((entry) => entry.block))
}

/** Indices of the blocks the planner added (to keep them movable after a save). */
export const addedIndices = (list: readonly EditorBlock[]): Set<number> =>
  new Set(list.flatMap((entry, index) => (entry.added ? [index] : [])))

/** Indices of text blocks with no text in either language (checked before saving). */
export function emptyTextBlocks(list: readonly EditorBlock[]): number[] {
  return list.flatMap((entry, index) =>
    entry.block.type === 'text' &&
    entry.block.text.de.trim() === '' &&
    entry.block.text.en.trim() === ''
      ? [index]
      : [],
  )
}

const isProblem = (value: unknown): value is TemplateProblem => {
  if (typeof value !== 'object' || value === null) return false
  const p = value as Record<string, unknown>
  return (
    Number.isInteger(p.block) &&
    (p.language === 'de' || p.language === 'en') &&
    Number.isInteger(p.line) &&
    Number.isInteger(p.column) &&
    typeof p.message === 'string'
  )
}

/**
 * The placeholder problems of a refused save (`details.problems` of VALIDATION_FAILED); problems
 * whose block is not in the list sent, and anything malformed, are left out.
 */
export function problemsOf(details: unknown, blockCount: number): TemplateProblem[] {
  const problems = (details as { problems?: unknown } | null | undefined)?.problems
  if (!Array.isArray(problems)) return []
  return problems.filter(
    (p): p is TemplateProblem => isProblem(p) && p.block >= 0 && p.block < blockCount,
  )
}

/** Problems by the id of the block they are about (the list as it was sent). */
export function problemsByBlock(
  problems: readonly TemplateProblem[],
  list: readonly EditorBlock[],
): Map<number, TemplateProblem[]> {
  const byId = new Map<number, TemplateProblem[]>()
  for (const problem of problems) {
    const entry = list[problem.block]
    if (!entry) continue
    byId.set(entry.id, [...(byId.get(entry.id) ?? []), problem])
  }
  return byId
}

/**
 * How a block is named in the editor: a message key with its parameters.
 *
 * @example blockLabel({ type: 'heading', level: 1, text: { de: 'Einleitung', en: 'Introduction' } }, 'de')
 * // { key: 'reports.templates.block.heading', params: { text: 'Einleitung' } }
 */
export function blockLabel(
  block: TemplateBlock,
  language: ReportLanguage,
): { key: MessageKey; params: Record<string, string> } {
  switch (block.type) {
    case 'heading': {
      const text = block.text[language].trim() || block.text.de.trim() || block.text.en.trim()
      return text
        ? { key: 'reports.templates.block.heading', params: { text } }
        : { key: 'reports.templates.block.headingEmpty', params: {} }
    }
    case 'map':
      return {
        key: 'reports.templates.block.map',
        params: { indicator: typeof block.indicator === 'string' ? block.indicator : '' },
      }
    case 'chart':
      return {
        key:
          block.kind === 'timeseries'
            ? 'reports.templates.block.timeseries'
            : 'reports.templates.block.ranking',
        params: { indicator: typeof block.indicator === 'string' ? block.indicator : '' },
      }
    case 'text':
    case 'titlePage':
    case 'toc':
    case 'keyFigures':
    case 'topicChapters':
    case 'areaProfiles':
    case 'socialIndex':
    case 'methods':
    case 'glossary':
    case 'pageBreak':
      return { key: `reports.templates.block.${block.type}`, params: {} }
  }
}

/** The editor's state after a successful save: the saved template with the added blocks kept. */
export function afterSave(
  saved: FullTemplate,
  list: readonly EditorBlock[],
  firstId: number,
): EditorBlock[] {
  return editorBlocks(saved.template.blocks, firstId, addedIndices(list))
}
