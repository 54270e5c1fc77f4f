import { parseArgs } from 'node:util'

import { ConfigError } from '../platform/config.js'
import { DatabaseStartupError } from '../platform/db/index.js'
import { ApiError } from '../platform/http/errors.js'
import { VERSION } from '../version.js'
import type { Command } from './command.js'
import { analyzeCommand } from './commands/analyze.js'
import { areasCommand } from './commands/areas.js'
import { backupCommand, restoreCommand } from './commands/backup.js'
import { computeCommand } from './commands/compute.js'
import { demoCommand } from './commands/demo.js'
import { exportCommand } from './commands/export.js'
import { importCommand } from './commands/import.js'
import { migrateCommand } from './commands/migrate.js'
import { reportCommand } from './commands/report.js'
import { PortInUseError, serveCommand } from './commands/serve.js'
import { usersCommand } from './commands/users.js'

/** Every subcommand; a new one is a file in commands/ and a line here. */
const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  demoCommand,
  areasCommand,
  importCommand,
  computeCommand,
  analyzeCommand,
  exportCommand,
  reportCommand,
  usersCommand,
  backupCommand,
  restoreCommand,
]

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `Planraum ${VERSION} — strategic social planning for municipalities

Usage: planraum <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "planraum <command> --help" for a command's options.`
}

/** Runs the CLI and returns the exit code. Expected problems print one line that says what to do. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(help())
    return name === undefined ? 1 : 0
  }
  if (name === '--version' || name === 'version') {
    console.log(VERSION)
    return 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    console.error(
      `planraum: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`,
    )
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    console.error(`planraum ${name}: ${(error as Error).message}\n\n${command.usage}`)
    return 2
  }
  if (parsed.values.help === true) {
    console.log(command.usage)
    return 0
  }
  try {
    return await command.run(parsed.values, parsed.positionals)
  } catch (error) {
    if (
      error instanceof DatabaseStartupError ||
      error instanceof ConfigError ||
      error instanceof ApiError ||
      error instanceof PortInUseError
    ) {
      console.error(`planraum: ${error.message}`)
      return 1
    }
    throw error
  }
}
