/**
 * End-to-end: the reports page (`/berichte`, issue 6). A planner signs in, requests the public
 * "Sozialraumprofile" as HTML and PDF, follows the progress bar to the end, opens the HTML,
 * downloads the PDF and publishes the report; an internal report cannot be published (no button,
 * the reason instead, and the API refuses it). Signed out, the public page lists the published
 * report and its files download. Headless Chromium (Debian's package) against the real server with
 * the Musterstadt demo; the report job runs in this process, as in production.
 *
 * Needs the built web app (`npx vite build`, or PLANRAUM_E2E_WEB_DIR). Screenshots: test-results/.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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
const EMAIL = 'rita.reporter@musterstadt.test'
const PASSWORD = 'Ein langes Passwort für Berichte 2024'
const NAME = 'Rita Reporterin'

/** GET from inside the page (with the session cookie, as the app does). */
async function fetchFromPage(
  page: Page,
  url: string,
): Promise<{ status: number; type: string; disposition: string; head: string; text: string }> {
  return page.evaluate(async (address) => {
    const response = await fetch(address)
    const bytes = new Uint8Array(await response.arrayBuffer())
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      disposition: response.headers.get('content-disposition') ?? '',
      head: String.fromCharCode(...bytes.slice(0, 5)),
      text: new TextDecoder().decode(bytes),
    }
  }, url)
}

describe('reports page', () => {
  let server: E2eServer
  let baseUrl: string
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let requests: string[] = []
  let publicId = 0
  let internalId = 0

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
  const card = (id: number) => page.locator(`[data-testid="report-card"][data-report-id="${id}"]`)
  const form = () => page.getByTestId('report-form')

  /** Submits the form and returns the id of the report the server queued. */
  async function requestReport(): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/orgs/${ORG}/reports`),
      ),
      form().getByRole('button', { name: 'Bericht erzeugen' }).click(),
    ])
    expect(response.status()).toBe(202)
    return ((await response.json()) as { id: number }).id
  }

  /**
   * Records, in the browser, every status text and progress bar label each report card shows: the
   * report job runs in this process and keeps its event loop busy, so reading from here would miss
   * states the page did show.
   */
  async function recordProgress() {
    await page.evaluate(() => {
      const log: Record<string, { texts: string[]; times: number[]; bars: string[] }> = {}
      const record = () => {
        for (const card of document.querySelectorAll('[data-testid="report-card"]')) {
          const id = card.getAttribute('data-report-id') ?? ''
          const entry = (log[id] ??= { texts: [], times: [], bars: [] })
          const text = card.querySelector('[data-testid="report-status"]')?.textContent ?? ''
          if (entry.texts.at(-1) !== text) {
            entry.texts.push(text)
            entry.times.push(Math.round(performance.now()))
          }
          const bar = card.querySelector('progress')?.getAttribute('aria-label')
          if (bar && !entry.bars.includes(bar)) entry.bars.push(bar)
        }
      }
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      })
      ;(window as unknown as { __reportLog: typeof log }).__reportLog = log
    })
  }

  /** Waits until the report is done or failed; what its card showed on the way. */
  async function followProgress(id: number) {
    const finished = page.locator(
      `[data-testid="report-card"][data-report-id="${id}"]:is([data-status="done"], [data-status="failed"])`,
    )
    await finished.waitFor({ timeout: 90_000 })
    const log = await page.evaluate(
      (reportId) =>
        (
          window as unknown as {
            __reportLog: Record<string, { texts: string[]; times: number[]; bars: string[] }>
          }
        ).__reportLog[reportId] ?? { texts: [], times: [], bars: [] },
      String(id),
    )
    return { status: await finished.getAttribute('data-status'), ...log }
  }

  it('shows the public an empty list and no form', async () => {
    await page.goto(reportsUrl())
    await page.getByRole('heading', { level: 1, name: 'Berichte' }).waitFor()
    await page.getByTestId('published-empty').waitFor()
    expect(await page.getByTestId('published-empty').textContent()).toBe(
      'Es sind noch keine Berichte veröffentlicht.',
    )
    expect(await form().count()).toBe(0)
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
    expect(await nav.getByRole('link', { name: 'Berichte' }).getAttribute('aria-current')).toBe(
      'page',
    )
    expect(await page.title()).toContain('Berichte')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('lets a planner sign in and offers the form with every format', async () => {
    await page.goto(
      `${baseUrl}/anmelden?org=${ORG}&next=${encodeURIComponent(`/berichte?org=${ORG}`)}`,
    )
    await page.getByLabel('E-Mail-Adresse').fill(EMAIL)
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.waitForURL(reportsUrl())
    await form().waitFor()
    const options = await form().getByLabel('Vorlage').locator('option').allTextContents()
    expect(options).toEqual(['Sozialbericht', 'Sozialraumprofile'])
    expect(await form().getByLabel('Intern', { exact: true }).count()).toBe(1)
    expect(await form().getByLabel(/^PDF/).isDisabled()).toBe(false)
    expect(await page.getByTestId('pdf-unavailable').count()).toBe(0)
  })

  it('generates the public Sozialraumprofile with a live progress bar', async () => {
    await form().getByLabel('Vorlage').selectOption({ label: 'Sozialraumprofile' })
    await form().getByLabel('Öffentlich').check()
    await form().getByLabel(/^DOCX/).uncheck()
    expect(await form().getByLabel(/^HTML/).isChecked()).toBe(true)
    expect(await form().getByLabel(/^PDF/).isChecked()).toBe(true)

    const started = Date.now()
    await recordProgress()
    publicId = await requestReport()
    const report = card(publicId)
    await report.waitFor()
    const { status, texts, times, bars } = await followProgress(publicId)
    console.info(
      `Report ${publicId} ${status} after ${((Date.now() - started) / 1000).toFixed(1)} s: ${texts.map((text, k) => `${text} (+${((times[k]! - times[0]!) / 1000).toFixed(1)} s)`).join(' → ')}`,
    )
    expect(status).toBe('done')
    // Queued, then done; every state between is a running step with its percentage. (How many
    // running states the page sees depends on the server: the job runs in its event loop.)
    expect(texts[0]).toBe('Wartet auf den Start')
    for (const text of texts.slice(1, -1)) expect(text).toMatch(/ \(\d+ %\)$/)
    expect(texts.at(-1)).toBe('Fertig')
    // The bar is named after the report: its template until the document has its title.
    expect(bars[0]).toBe('Fortschritt von „Sozialraumprofile, Version 1“')
    for (const bar of bars) expect(bar).toMatch(/^Fortschritt von „Sozialraumprofile/)
    expect(await report.locator('progress').count()).toBe(0)
    await expect.poll(() => page.getByTestId('reports-live').textContent()).toMatch(/: Fertig$/)
    expect(await report.getByRole('heading', { level: 3 }).textContent()).toContain(
      'Sozialraumprofile',
    )
    expect(await report.getByText('INTERN').count()).toBe(0)
  })

  it('opens the HTML and downloads the PDF', async () => {
    const report = card(publicId)
    const html = report.getByRole('link', { name: /^HTML öffnen/ })
    const htmlUrl = (await html.getAttribute('href'))!
    expect(htmlUrl).toBe(`/api/orgs/${ORG}/reports/${publicId}/files/html`)
    expect(await html.getAttribute('download')).toBeNull()
    const answer = await fetchFromPage(page, htmlUrl)
    expect(answer.status).toBe(200)
    expect(answer.type).toContain('text/html')
    expect(answer.disposition).toMatch(/^inline/)
    expect(answer.text).toContain('Sozialraumprofile')

    const pdf = report.getByRole('link', { name: /^PDF herunterladen/ })
    const [download] = await Promise.all([page.waitForEvent('download'), pdf.click()])
    const bytes = await readFile((await download.path())!)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(10_000)
    expect(download.suggestedFilename()).toMatch(/^sozialraumprofile-musterstadt-\d{4}-v1\.pdf$/)
    expect(await report.getByRole('link', { name: /DOCX/ }).count()).toBe(0)
  })

  it('checks a rebuild: the same data give the same report', async () => {
    const report = card(publicId)
    await report.getByRole('button', { name: /^Neu erzeugen prüfen/ }).click()
    await expect
      .poll(() => report.getByTestId('rebuild-result').textContent(), { timeout: 60_000 })
      .toContain('Identisch')
    expect(await report.getByTestId('rebuild-result').textContent()).toContain(
      'Der Datenstand ist unverändert.',
    )
  })

  it('publishes the report', async () => {
    const report = card(publicId)
    await report.getByRole('button', { name: /^Veröffentlichen/ }).click()
    await report.getByRole('button', { name: /^Zurückziehen/ }).waitFor()
    expect(await report.locator('.badge--published').textContent()).toBe('Veröffentlicht')
    const row = page.getByTestId('published-reports').locator(`tr[data-report-id="${publicId}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('Sozialraumprofile')
  })

  it('does not publish an internal report, and says why', async () => {
    await form().getByLabel('Vorlage').selectOption({ label: 'Sozialraumprofile' })
    await form().getByLabel('Intern', { exact: true }).check()
    await form().getByLabel(/^PDF/).uncheck()
    await form().getByLabel(/^DOCX/).uncheck()
    await recordProgress()
    internalId = await requestReport()
    const report = card(internalId)
    await report.waitFor()
    expect((await followProgress(internalId)).status).toBe('done')
    expect(await report.locator('.badge--internal').textContent()).toContain('INTERN')
    expect(await report.getByRole('button', { name: /^Veröffentlichen/ }).count()).toBe(0)
    expect(await report.getByTestId('cannot-publish').textContent()).toContain(
      'können nicht veröffentlicht werden',
    )
    // The server refuses it too, with its reason.
    const refused = await page.evaluate(
      async ({ org, id }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string }
        const response = await fetch(`/api/orgs/${org}/reports/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ published: true }),
        })
        return {
          status: response.status,
          body: (await response.json()) as { error: { code: string } },
        }
      },
      { org: ORG, id: internalId },
    )
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICT'])
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.screenshot({ path: path.join(results, 'reports-staff-de.png'), fullPage: true })
  })

  it('says so when the server cannot make PDFs', async () => {
    // The route asks for Chromium on every request; the server runs in this process.
    const before = process.env.PLANRAUM_CHROMIUM
    process.env.PLANRAUM_CHROMIUM = '/nonexistent/chromium'
    try {
      await page.reload()
      await form().waitFor()
      const checkbox = form().getByLabel(/^PDF/)
      expect(await checkbox.isDisabled()).toBe(true)
      expect(await checkbox.isChecked()).toBe(false)
      const note = page.getByTestId('pdf-unavailable')
      expect(await note.textContent()).toContain('Chromium')
      expect(await checkbox.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'))
      expect(await form().getByLabel(/^HTML/).isChecked()).toBe(true)
      expect(await form().getByLabel(/^DOCX/).isChecked()).toBe(true)
    } finally {
      if (before === undefined) delete process.env.PLANRAUM_CHROMIUM
      else process.env.PLANRAUM_CHROMIUM = before
    }
  })

  it('lists the published report for the public after signing out', async () => {
    await page.goto(reportsUrl())
    await page.getByTestId('all-reports').waitFor()
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Abmelden' }).click(),
    ])
    await page.getByTestId('published-reports').waitFor()
    expect(await form().count()).toBe(0)
    expect(await page.getByTestId('all-reports').count()).toBe(0)
    const rows = page.getByTestId('published-reports').locator('tbody tr')
    expect(await rows.count()).toBe(1)
    const row = rows.first()
    expect(await row.getAttribute('data-report-id')).toBe(String(publicId))
    const cells = await row.locator('th, td').allTextContents()
    expect(cells[0]).toContain('Sozialraumprofile')
    expect(cells[1]).toBe('1')
    expect(cells[3]).toBe('Deutsch')

    const htmlUrl = (await row.getByRole('link', { name: /^HTML öffnen/ }).getAttribute('href'))!
    const html = await fetchFromPage(page, htmlUrl)
    expect(html.status).toBe(200)
    expect(html.text).toContain('Sozialraumprofile')
    const pdfUrl = (await row
      .getByRole('link', { name: /^PDF herunterladen/ })
      .getAttribute('href'))!
    const pdf = await fetchFromPage(page, pdfUrl)
    expect([pdf.status, pdf.head]).toEqual([200, '%PDF-'])
    // The internal report stays hidden from the public.
    const hidden = await fetchFromPage(page, `/api/orgs/${ORG}/reports/${internalId}/files/html`)
    expect(hidden.status).toBe(404)

    expect(await seriousAxeViolations(page)).toEqual([])
    await page.screenshot({ path: path.join(results, 'reports-public-de.png'), fullPage: true })
  })

  it('is complete in English', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor()
    const row = page.getByTestId('published-reports').locator('tbody tr').first()
    expect(await row.getByRole('link', { name: /^Open HTML/ }).count()).toBe(1)
    expect(await row.locator('td').nth(2).textContent()).toBe('German')
    await page.getByRole('button', { name: 'Deutsch' }).click()
  })

  it('made no requests to other sites and had no unexpected errors', () => {
    expect(foreignRequests(requests, baseUrl)).toEqual([])
    // The internal report asked for anonymously answers 404 on purpose; the PATCH of the internal
    // report answers 409 on purpose. Chromium logs each as a console error.
    const unexpected = problems.filter(
      (p) => !/Failed to load resource: the server responded with a status of (404|409)/.test(p),
    )
    expect(unexpected).toEqual([])
  })
})
