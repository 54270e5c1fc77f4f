/**
 * Small helpers shared by the benchmarks: settings from environment variables, timing with warm-up,
 * and the printed figures (median, min, ratio against the peer of the same run).
 */
import os from 'node:os'

/** A number from the environment, or the fallback; fails loudly on anything that is not one. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Expected ${name} to be a positive number, got "${raw}".`)
  }
  return value
}

/** A string from the environment, or the fallback. */
export function envString(name: string, fallback: string): string {
  const raw = process.env[name]
  return raw === undefined || raw.trim() === '' ? fallback : raw.trim()
}

/** Timings of one side of a comparison, in milliseconds. */
export interface Timing {
  label: string
  /** Wall-clock time of each run. */
  runs: number[]
  median: number
  min: number
  /** Median CPU time of the process (user + system, all threads) per run, when measured. */
  cpu: number | null
}

/** Median and minimum of measured runs (and the median CPU time when given). */
export function summarise(label: string, runs: number[], cpu: number[] = []): Timing {
  return {
    label,
    runs,
    median: median(runs),
    min: Math.min(...runs),
    cpu: cpu.length > 0 ? median(cpu) : null,
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** CPU time of this process so far in ms (user + system, summed over all its threads). */
export function cpuTime(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times measured (wall clock, performance.now()).
 * `after` runs after each run, outside the measured time (cleanup).
 */
export async function measure(
  label: string,
  fn: () => unknown,
  options: { runs: number; warmup: number; after?: () => unknown },
): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) {
    await fn()
    await options.after?.()
  }
  const runs: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < options.runs; i++) {
    const cpuStarted = cpuTime()
    const started = performance.now()
    await fn()
    runs.push(performance.now() - started)
    cpu.push(cpuTime() - cpuStarted)
    await options.after?.()
  }
  return summarise(label, runs, cpu)
}

/** `1234.5` → `1,234.5 ms` (one decimal below 100 ms). */
export function ms(value: number): string {
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: value < 100 ? 1 : 0 })} ms`
}

/** `1234567` → `1,234,567`. */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-GB')
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MiB`
}

/** One line of a timing: median, min and the individual runs. */
export function timingLine(t: Timing, width = 44): string {
  const runs = t.runs.map((r) => Math.round(r)).join(', ')
  const cpu = t.cpu === null ? '' : `   cpu ${ms(t.cpu).padStart(10)}`
  return `${t.label.padEnd(width)} median ${ms(t.median).padStart(12)}   min ${ms(t.min).padStart(12)}${cpu}   runs [${runs}]`
}

/**
 * "N× faster/slower than PEER": the ratio of the peer's median to ours (> 1 means we are faster).
 */
export function ratioLine(ours: Timing, peer: Timing): string {
  const ratio = peer.median / ours.median
  const minRatio = peer.min / ours.min
  const word = ratio >= 1 ? 'faster' : 'slower'
  const factor = ratio >= 1 ? ratio : 1 / ratio
  const cpu =
    ours.cpu !== null && peer.cpu !== null ? `; CPU time: ${(peer.cpu / ours.cpu).toFixed(2)}×` : ''
  return `${ours.label} is ${factor.toFixed(2)}× ${word} than ${peer.label} (wall-clock medians; mins: ${minRatio.toFixed(2)}×${cpu}; same run, same machine)`
}

/** The machine, for the record printed with every result. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} cores (${cpu.trim()}) · ${mib(os.totalmem())} RAM · ${os.platform()} ${os.release()}`
}

/**
 * The load average: other processes on the machine distort the figures (DuckDB's threads more than
 * the single-threaded engine), so it is printed with them.
 */
export function loadLine(): string {
  const [one, five] = os.loadavg()
  const cores = os.cpus().length
  const busy = (one ?? 0) > cores * 0.5
  return `load average ${(one ?? 0).toFixed(2)} (1 min), ${(five ?? 0).toFixed(2)} (5 min) on ${cores} cores${busy ? ' — the machine is busy with other work: figures are noisy, ratios less so' : ''}`
}

/** Resident set size now. */
export function rss(): number {
  return process.memoryUsage().rss
}

/** A visible section heading. */
export function heading(text: string): void {
  console.log(`\n== ${text} ${'='.repeat(Math.max(0, 96 - text.length))}`)
}
