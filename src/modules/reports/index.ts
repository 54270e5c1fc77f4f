/** Public surface of the reports module. */
export { reportsModule } from './module.js'
export { ReportJobs } from './jobs.js'
export { BUILT_IN_TEMPLATES, ReportTemplate, templateProblems } from './templates.js'
export {
  createReport,
  FORMATS,
  listReports,
  listTemplates,
  publishReport,
  rebuildCheck,
  renderFormat,
  reportDocument,
  reportFile,
  reportFileName,
  requireReport,
  requireTemplate,
  runReport,
  saveTemplate,
  type ReportFormat,
  type ReportSummary,
} from './service.js'
export { loadReportData, type ReportData } from './data.js'
export { generateReport } from './generate.js'
export { reportHtml } from './html.js'
export { reportDocx } from './docx.js'
