/**
 * End-to-end: editing report templates on the reports page (`/berichte`, „Vorlagen bearbeiten“,
 * issue 6). A planner opens the built-in "Sozialraumprofile", inserts a text block with a live
 * placeholder after the introduction and saves it as version 1; a broken placeholder is refused
 * by the server and marked at its block; discarding returns to the saved text. A public report
 * generated from the saved template then carries the sentence with the city's residents from the
 * values API, formatted in German. Headless Chromium (Debian's package) against the real server
 * with the Musterstadt demo; the report job runs in this process.
 *
 * Needs the built web app (`npx vite build`, or PLANRAUM_E2E_WEB_DIR). Screenshots: test-results/.
 */
import path from 'node:path'

import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BUILT_IN_TEMPLATES } from '../../src/modules/reports/templates.js'
import {
  checkPrerequisites,
  type E2eServer,
  foreignRequests,
  launchBrowser,
  openPage,
  results,
  seriousAxeViolations,
  startServer,
  withAccount,
} from '../helpers/e2e.js'

// Cheap argon2 parameters for the account made here (the server runs in this process).
process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const ORG = 'musterstadt'
const EMAIL = 'tina.texter@musterstadt.test'
const PASSWORD = 'Ein langes Passwort für Vorlagen 2024'
const NAME = 'Tina Texterin'
const ADDED_DE = 'Ergänzung: {{value residents}} Einwohner insgesamt.'
const ADDED_EN = 'In addition: {{value residents}} residents in total.'

interface TemplateAnswer {
  key: string
  version: number
  builtIn: boolean
  template: { key: string; blocks: { type: string; text?: { de: string; en: string } }[] }
}

/** GET JSON from inside the page (with the session cookie, as the app does). */
async function getFromPage<T>(page: Page, url: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (address) => {
    const response = await fetch(address, { cache: 'no-store' })
    return { status: response.status, body: (await response.json()) as T }
  }, url)
}

/** German grouping of a whole number, written out here (not through Intl): 123456 → 123.456. */
const germanInteger = (value: number) =>
  String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

describe('report templates', () => {
  let server: E2eServer
  let baseUrl: string
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let requests: string[] = []

  beforeAll(async () => {
    checkPrerequisites()
    server = await startServer(
      withAccount({ org: ORG, email: EMAIL, name: NAME, role: 'planner', password: PASSWORD }),
    )
    if (!server.db) throw new Error('This test creates an account: it needs its own server.')
    baseUrl = server.url
    browser = await launchBrowser()
    ;({ page, problems, requests } = await openPage(browser))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const reportsUrl = () => `${baseUrl}/berichte?org=${ORG}`
  const editor = () => page.getByTestId('template-editor')
  const templateForm = () => page.getByTestId('template-form')
  const blocks = () => templateForm().getByTestId('template-block')
  const block = (index: number): Locator =>
    templateForm().locator(`[data-testid="template-block"][data-block-index="${index}"]`)
  const field = (index: number, language: 'de' | 'en') =>
    block(index).locator(`[data-language="${language}"]`)
  const activeId = () => page.evaluate(() => document.activeElement?.id ?? '')
  const savedTemplate = () =>
    getFromPage<TemplateAnswer>(page, `/api/orgs/${ORG}/report-templates/sozialraumprofile`)

  it('offers the templates to a signed-in planner', async () => {
    await page.goto(
      `${baseUrl}/anmelden?org=${ORG}&next=${encodeURIComponent(`/berichte?org=${ORG}`)}`,
    )
    await page.getByLabel('E-Mail-Adresse').fill(EMAIL)
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.waitForURL(reportsUrl())
    await page.getByRole('heading', { level: 2, name: 'Vorlagen bearbeiten' }).waitFor()
    const picker = editor().getByTestId('template-picker')
    await picker.waitFor()
    expect(
      await picker.getByLabel('Vorlage zum Bearbeiten').locator('option').allTextContents(),
    ).toEqual(['Sozialbericht – Standardvorlage', 'Sozialraumprofile – Standardvorlage'])
  })

  it('shows the blocks of the Sozialraumprofile, text and headings editable', async () => {
    await editor().getByLabel('Vorlage zum Bearbeiten').selectOption('sozialraumprofile')
    await editor().getByRole('button', { name: 'Vorlage öffnen' }).click()
    await templateForm().waitFor()
    expect(await templateForm().getByRole('heading', { level: 3 }).textContent()).toBe(
      '„Sozialraumprofile“ – Standardvorlage',
    )
    const titles = await blocks().locator('h4').allTextContents()
    expect(titles).toEqual([
      '1. Titelseite',
      '2. Inhaltsverzeichnis',
      '3. Überschrift: Zu diesen Profilen',
      '4. Text',
      '5. Sozialraumprofile',
      '6. Methoden',
    ])
    // Fields only on the heading and the text, each German and English with a label.
    expect(await templateForm().locator('textarea, input').count()).toBe(4)
    const builtIn = BUILT_IN_TEMPLATES.get('sozialraumprofile')!
    const intro = builtIn.blocks[3] as { text: { de: string; en: string } }
    expect(await block(3).getByLabel('Deutsch (Baustein 4)').inputValue()).toBe(intro.text.de)
    expect(await block(3).getByLabel('Englisch (Baustein 4)').inputValue()).toBe(intro.text.en)
    expect(await block(2).getByLabel('Deutsch (Baustein 3)').inputValue()).toBe(
      'Zu diesen Profilen',
    )
    expect(await block(4).textContent()).toContain('nicht bearbeitbar')
    // Only added blocks move or go.
    expect(
      await templateForm()
        .getByRole('button', { name: /^Entfernen/ })
        .count(),
    ).toBe(0)
    expect(
      await templateForm()
        .getByRole('button', { name: /^Textbaustein einfügen/ })
        .count(),
    ).toBe(6)

    const help = templateForm().getByTestId('placeholder-help')
    await help.locator('summary').click()
    const codes = await help.locator('tbody th code').allTextContents()
    expect(codes).toContain('{{value IND}}')
    expect(codes).toContain('{{compare IND with=city}}')
    expect(codes).toContain('{{change IND years=5}}')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('moves and removes an inserted block with the keyboard', async () => {
    await block(0).getByRole('button', { name: 'Textbaustein einfügen nach Baustein 1' }).click()
    expect(await blocks().count()).toBe(7)
    expect(await block(1).getAttribute('data-block-type')).toBe('text')
    // The new block's German field has the focus.
    expect(await activeId()).toBe(await field(1, 'de').getAttribute('id'))
    const down = block(1).getByRole('button', { name: 'Nach unten (Baustein 2)' })
    await down.focus()
    await page.keyboard.press('Enter')
    expect(await block(2).getByText('eigener Textbaustein').count()).toBe(1)
    expect(await block(1).getAttribute('data-block-type')).toBe('toc')
    expect(await activeId()).toMatch(/-down$/)
    await page.keyboard.press('Enter')
    expect(await block(3).getAttribute('data-block-type')).toBe('text')
    expect(await block(3).getByText('eigener Textbaustein').count()).toBe(1)
    expect(await page.getByTestId('template-live').textContent()).toBe(
      'Textbaustein ist jetzt Baustein 4.',
    )
    // An empty text block is not sent: the editor says so at the block.
    await templateForm().getByRole('button', { name: 'Vorlage speichern' }).click()
    await templateForm().getByTestId('template-problems').waitFor()
    expect(await block(3).getAttribute('data-invalid')).toBe('true')
    const german = field(3, 'de')
    expect(await german.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await german.getAttribute('aria-describedby'))!
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'Der Textbaustein ist leer. Schreiben Sie einen Text oder entfernen Sie den Baustein.',
    )
    expect(await field(3, 'en').getAttribute('aria-describedby')).toBe(describedBy)
    expect((await savedTemplate()).body.version).toBe(0)

    await block(3).getByRole('button', { name: 'Entfernen (Baustein 4)' }).press('Enter')
    expect(await blocks().count()).toBe(6)
    // The focus goes to the block before.
    expect(await activeId()).toBe(
      await block(2)
        .getByRole('button', { name: /^Textbaustein einfügen/ })
        .getAttribute('id'),
    )
    expect(await templateForm().getByText('Ungespeicherte Änderungen').count()).toBe(0)
    expect(await templateForm().getByTestId('template-problems').count()).toBe(0)
  })

  it('inserts a text block after the introduction and saves version 1', async () => {
    await block(3).getByRole('button', { name: 'Textbaustein einfügen nach Baustein 4' }).click()
    await field(4, 'de').fill(ADDED_DE)
    await field(4, 'en').fill(ADDED_EN)
    expect(await templateForm().getByText('Ungespeicherte Änderungen').count()).toBe(1)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT'),
      templateForm().getByRole('button', { name: 'Vorlage speichern' }).click(),
    ])
    expect(response.status()).toBe(200)
    await expect
      .poll(() => page.getByTestId('template-status').textContent())
      .toBe('Version 1 gespeichert.')
    // Reloaded: the saved version, the block still the planner's own.
    expect(await templateForm().getByRole('heading', { level: 3 }).textContent()).toBe(
      '„Sozialraumprofile“ – Version 1',
    )
    expect(await field(4, 'de').inputValue()).toBe(ADDED_DE)
    expect(await block(4).getByText('eigener Textbaustein').count()).toBe(1)

    // The server has the whole template: every block as before, the new one after the intro.
    const saved = await savedTemplate()
    expect(saved.status).toBe(200)
    expect(saved.body.version).toBe(1)
    const builtIn = BUILT_IN_TEMPLATES.get('sozialraumprofile')!
    expect(saved.body.template.blocks).toEqual([
      ...builtIn.blocks.slice(0, 4),
      { type: 'text', text: { de: ADDED_DE, en: ADDED_EN } },
      ...builtIn.blocks.slice(4),
    ])
    await expect
      .poll(() => editor().getByLabel('Vorlage zum Bearbeiten').locator('option').allTextContents())
      .toEqual(['Sozialbericht – Standardvorlage', 'Sozialraumprofile – Version 1'])
  })

  it('marks a broken placeholder at its block and discards it', async () => {
    await field(4, 'de').fill('Ergänzung: {{value residents')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT'),
      templateForm().getByRole('button', { name: 'Vorlage speichern' }).click(),
    ])
    expect(response.status()).toBe(400)
    const alert = templateForm().getByTestId('template-problems')
    await alert.waitFor()
    expect(await alert.getAttribute('role')).toBe('alert')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toContain('error-summary')
    const message = await alert.getByTestId('template-server-message').textContent()
    expect(message).toMatch(/^Block 5 \(de\), line 1, column 12: /)

    // Only that block and that language are marked, with the message beside the field.
    expect(await templateForm().locator('[data-invalid]').count()).toBe(1)
    expect(await block(4).getAttribute('data-invalid')).toBe('true')
    const german = field(4, 'de')
    expect(await german.getAttribute('aria-invalid')).toBe('true')
    expect(await field(4, 'en').getAttribute('aria-invalid')).toBeNull()
    const describedBy = (await german.getAttribute('aria-describedby'))!
    const beside = await page.locator(`[id="${describedBy}"]`).textContent()
    expect(beside).toContain('Deutsch, Zeile 1, Spalte 12: ')
    expect(beside).toContain(message!.replace(/^Block 5 \(de\), line 1, column 12: /, ''))
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.screenshot({
      path: path.join(results, 'report-templates-error-de.png'),
      fullPage: true,
    })

    // Nothing was saved; discarding returns to version 1.
    expect((await savedTemplate()).body.version).toBe(1)
    await templateForm().getByRole('button', { name: 'Änderungen verwerfen' }).click()
    expect(await german.inputValue()).toBe(ADDED_DE)
    expect(await german.getAttribute('aria-invalid')).toBeNull()
    expect(await templateForm().getByTestId('template-problems').count()).toBe(0)
    // Saving without changes saves nothing.
    await templateForm().getByRole('button', { name: 'Vorlage speichern' }).click()
    expect(await page.getByTestId('template-status').textContent()).toBe(
      'Keine Änderungen gegenüber der geladenen Fassung.',
    )
    expect((await savedTemplate()).body.version).toBe(1)
  })

  it('generates a public report whose added text carries the live figure', async () => {
    const values = await getFromPage<{ data: { areaCode: string; value: number | null }[] }>(
      page,
      `/api/orgs/${ORG}/values?indicator=residents&layer=gesamtstadt&period=2024`,
    )
    expect(values.status).toBe(200)
    expect(values.body.data).toHaveLength(1)
    const residents = values.body.data[0]!.value!
    expect(residents).toBeGreaterThan(10_000)

    const form = page.getByTestId('report-form')
    await form
      .getByLabel('Vorlage', { exact: true })
      .locator('option', { hasText: 'Sozialraumprofile (1)' })
      .waitFor({ state: 'attached' })
    await form
      .getByLabel('Vorlage', { exact: true })
      .selectOption({ label: 'Sozialraumprofile (1)' })
    await form.getByLabel('Öffentlich').check()
    await form.getByLabel('Jahr').selectOption('2024')
    for (const format of [/^PDF/, /^DOCX/]) {
      const box = form.getByLabel(format)
      if (!(await box.isDisabled())) await box.uncheck()
    }
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/orgs/${ORG}/reports`),
      ),
      form.getByRole('button', { name: 'Bericht erzeugen' }).click(),
    ])
    expect(response.status()).toBe(202)
    const queued = (await response.json()) as { id: number; templateVersion: number }
    expect(queued.templateVersion).toBe(1)
    const card = page.locator(`[data-testid="report-card"][data-report-id="${queued.id}"]`)
    await page
      .locator(
        `[data-testid="report-card"][data-report-id="${queued.id}"]:is([data-status="done"], [data-status="failed"])`,
      )
      .waitFor({ timeout: 90_000 })
    expect(await card.getAttribute('data-status')).toBe('done')

    const html = await page.evaluate(
      async (url) => (await fetch(url)).text(),
      `/api/orgs/${ORG}/reports/${queued.id}/files/html`,
    )
    const sentence = new RegExp(
      `Ergänzung: ${germanInteger(residents).replace(/\./g, '\\.')}(?!\\d)`,
    )
    expect(html).toMatch(sentence)
    expect(html).not.toContain('{{value residents}}')
    expect(html).not.toContain('In addition:')
  })

  it('is complete in English', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 2, name: 'Edit templates' }).waitFor()
    expect(await templateForm().getByRole('heading', { level: 3 }).textContent()).toBe(
      '“Area profiles” – version 1',
    )
    expect(await block(4).getByLabel('English (block 5)').inputValue()).toBe(ADDED_EN)
    expect(await block(0).locator('h4').textContent()).toBe('1. Title page')
    await page.getByRole('button', { name: 'Deutsch' }).click()
  })

  it('made no requests to other sites and had no unexpected errors', () => {
    expect(foreignRequests(requests, baseUrl)).toEqual([])
    // The refused template answers 400 on purpose; Chromium logs it as a console error.
    const unexpected = problems.filter(
      (p) => !/Failed to load resource: the server responded with a status of 400/.test(p),
    )
    expect(unexpected).toEqual([])
  })
})
