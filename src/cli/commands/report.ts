import { writeFileSync } from 'node:fs'
import path from 'node:path'

import { MonitoringEngine } from '../../modules/monitoring/index.js'
import { requireOrganization } from '../../modules/organizations/index.js'
import {
  createReport,
  FORMATS,
  listTemplates,
  reportFile,
  reportFileName,
  requireReport,
  runReport,
  type ReportFormat,
} from '../../modules/reports/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase } from '../../platform/db/index.js'
import { systemActor } from '../../platform/http/auth.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

export const reportCommand: Command = {
  name: 'report',
  summary: 'generate a report (Sozialbericht, Sozialraumprofile) as HTML, PDF or DOCX',
  usage: `planraum report <template> --format html|pdf|docx [options]

  <template>              sozialbericht, sozialraumprofile, or a saved template's key
                          (planraum report --list shows them)
  --format <f>            html, pdf or docx; several comma-separated (default html)
  --org <slug>            the organisation (default: musterstadt)
  --layer <key>           the layer whose areas the report describes (default: the template's)
  --period <year>         the reporting year (default: the latest with data)
  --language de|en        the report language (default: the organisation's)
  --internal              exact values without disclosure control, marked INTERN on every
                          page — for internal use only; never publish such a report
  --out <dir>             directory for the files (default: the current directory)
  --list                  list the templates and exit

The report is recorded with its data state and version, like one generated in the web app.
PDF needs Chromium (Debian package chromium, or PLANRAUM_CHROMIUM=/path).
${DATABASE_USAGE}`,
  options: {
    ...DATABASE_OPTIONS,
    format: { type: 'string' },
    org: { type: 'string' },
    layer: { type: 'string' },
    period: { type: 'string' },
    language: { type: 'string' },
    internal: { type: 'boolean' },
    out: { type: 'string' },
    list: { type: 'boolean' },
  },
  async run(values, positionals) {
    const formats = String(values.format ?? 'html')
      .split(',')
      .map((f) => f.trim())
    const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f))
    if (bad.length > 0) {
      console.error(
        `planraum report: --format must be html, pdf or docx (comma-separated), got "${bad.join(', ')}".`,
      )
      return 2
    }
    const language = values.language as string | undefined
    if (language !== undefined && language !== 'de' && language !== 'en') {
      console.error(`planraum report: --language must be de or en, got "${language}".`)
      return 2
    }
    const period = values.period === undefined ? undefined : Number(values.period)
    if (period !== undefined && !(Number.isInteger(period) && period >= 1900 && period <= 2200)) {
      console.error(
        `planraum report: --period expects a year like 2024, got "${String(values.period)}".`,
      )
      return 2
    }
    const template = positionals[0]
    if (!values.list && (template === undefined || positionals.length > 1)) {
      console.error(
        'planraum report: name one template, e.g. planraum report sozialbericht --format pdf',
      )
      return 2
    }
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      const org = await requireOrganization(db, (values.org as string | undefined) ?? 'musterstadt')
      if (values.list) {
        for (const t of await listTemplates(db, org.id)) {
          console.log(
            `${t.key}\t${t.template.name.de} / ${t.template.name.en}\t${t.builtIn && t.version === 0 ? 'built-in' : `version ${t.version}`}`,
          )
        }
        return 0
      }
      const audience = values.internal === true ? 'internal' : 'public'
      const created = await createReport(db, { actor: systemActor('cli') }, org, {
        template: template!,
        audience,
        language: (language as 'de' | 'en' | undefined) ?? org.defaultLanguage,
        layer: values.layer as string | undefined,
        period,
        formats: [...new Set(formats)] as ReportFormat[],
      })
      console.error(`Generating ${created.templateKey} version ${created.version} (${audience}) …`)
      await runReport(db, new MonitoringEngine(db), created.id)
      let report = await requireReport(db, org.id, created.id, { publishedOnly: false })
      // A server on the same database may have claimed it first: wait for that run.
      while (report.status === 'queued' || report.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 500))
        report = await requireReport(db, org.id, created.id, { publishedOnly: false })
      }
      if (report.status !== 'done') {
        console.error(`planraum report: ${report.error ?? 'the report failed'}`)
        return 1
      }
      for (const warning of report.warnings) console.error(`warning: ${warning}`)
      const dir = (values.out as string | undefined) ?? '.'
      for (const format of report.formats) {
        const file = await reportFile(db, report.id, format)
        const name = path.join(dir, reportFileName(report, org.slug, format))
        writeFileSync(name, file.content)
        console.log(`${name}\t${file.content.length} bytes\tsha256 ${file.sha256}`)
      }
      console.error(
        `Report ${report.id}: ${report.title} — data state ${report.dataState?.fingerprint.slice(0, 12)}${audience === 'internal' ? ' — INTERNAL, not for publication' : ''}.`,
      )
      return 0
    } finally {
      await db.close()
    }
  },
}
