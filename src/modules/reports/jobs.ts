/**
 * Report generation in the background: one report at a time per process (a report keeps a CPU
 * core busy; a second one at once would only slow both), in the order requested. The queue is the
 * `report` table itself, so a restart loses nothing: queued reports are picked up again, and a
 * report that was running when the process stopped is marked failed with the reason.
 */
import type { Database } from '../../platform/db/index.js'
import type { MonitoringEngine } from '../monitoring/index.js'
import { runReport } from './service.js'

export class ReportJobs {
  private running: Promise<void> | null = null
  private started = false
  private stopped = false

  constructor(
    private readonly db: Database,
    private readonly engine: MonitoringEngine,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Marks interrupted reports failed and starts on the queued ones (once per process). */
  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    await this.db.query(
      `update report set status = 'failed', step = 'failed', finished_at = now(),
              error = 'Interrupted: the server stopped while the report was being generated. Generate it again.'
        where status = 'running'`,
    )
    this.kick()
  }

  /** Starts working on the queue unless already busy or stopped. */
  kick(): void {
    if (this.running || this.stopped || !this.started) return
    this.running = this.drain().finally(() => {
      this.running = null
    })
  }

  /** Finishes the report in progress and takes no more (the server is closing). */
  async stop(): Promise<void> {
    this.stopped = true
    await this.idle()
  }

  /** Resolves when the queue is empty (tests, CLI). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      // Claimed atomically, so two server processes on one database never take the same report.
      const [next] = await this.db.query<{ id: number }>(
        `update report set status = 'running', step = 'data'
          where id = (select id from report where status = 'queued'
                       order by created_at, id limit 1 for update skip locked)
          returning id`,
      )
      if (!next) return
      await runReport(this.db, this.engine, next.id, this.env, { claimed: true })
    }
  }
}
