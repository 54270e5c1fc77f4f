/**
 * The generated report HTML in Chromium: axe-core finds no serious or critical WCAG 2.1 AA
 * violation (headings, tables with header cells, figures with a text alternative, contrast), the
 * TOC links reach their headings, and no resource is fetched (the file is self-contained).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MonitoringEngine } from '../../src/modules/monitoring/index.js'
import { requireOrganization } from '../../src/modules/organizations/index.js'
import {
  BUILT_IN_TEMPLATES,
  generateReport,
  loadReportData,
  reportHtml,
} from '../../src/modules/reports/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { openSeededPglite } from '../helpers/databases.js'
import { launchBrowser, seriousAxeViolations } from '../helpers/e2e.js'

describe('report HTML in Chromium', () => {
  let db: Database
  let browser: Browser
  beforeAll(async () => {
    db = await openSeededPglite('demo')
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await db?.close()
  })

  const cases = [
    { template: 'sozialbericht', audience: 'public', language: 'de' },
    { template: 'sozialraumprofile', audience: 'internal', language: 'en' },
  ] as const

  it.each(cases)(
    '$template ($audience, $language) is accessible and self-contained',
    async ({ template, audience, language }) => {
      const org = await requireOrganization(db, 'musterstadt')
      const data = await loadReportData(db, new MonitoringEngine(db), org, {
        audience,
        layer: 'sozialraum',
      })
      const { document: report } = await generateReport(BUILT_IN_TEMPLATES.get(template)!, data, {
        language,
      })
      const page = await browser.newPage()
      const requests: string[] = []
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url())
      })
      try {
        await page.setContent(reportHtml(report), { waitUntil: 'load' })
        expect(await page.getAttribute('html', 'lang')).toBe(language)
        expect(await seriousAxeViolations(page)).toEqual([])
        // every TOC entry points at a heading with that id
        const broken = await page.$$eval('nav.toc a', (links) =>
          links
            .map((a) => a.getAttribute('href')!.slice(1))
            .filter((id) => !document.getElementById(id)?.matches('h1, h2')),
        )
        expect(broken).toEqual([])
        // every figure is an image with a name
        const unnamed = await page.$$eval(
          'figure svg',
          (svgs) =>
            svgs.filter((s) => s.getAttribute('role') !== 'img' || !s.getAttribute('aria-label'))
              .length,
        )
        expect(unnamed).toBe(0)
        expect(await page.locator('figure').count()).toBeGreaterThan(10)
        expect(await page.locator('.internal-banner').count()).toBe(audience === 'internal' ? 2 : 0)
        expect(requests).toEqual([])
      } finally {
        await page.close()
      }
    },
  )
})
