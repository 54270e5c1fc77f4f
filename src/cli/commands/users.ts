import { userInfo } from 'node:os'

import {
  createUser,
  findAccountByEmail,
  generatePassword,
  issuePasswordReset,
  listMembers,
  ROLES,
  type Role,
} from '../../modules/accounts/index.js'
import { listOrganizations } from '../../modules/organizations/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase } from '../../platform/db/index.js'
import { systemActor, type Actor } from '../../platform/http/auth.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

type Values = Record<string, string | boolean | undefined>

const str = (values: Values, key: string): string | undefined =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined

/** The CLI acts as the system, recorded in the audit log with the operating-system user. */
function cliActor(): Actor {
  let name = 'unknown'
  try {
    name = userInfo().username
  } catch {
    // no passwd entry (some containers)
  }
  return systemActor(`cli:${name}`)
}

/** Reads a password from standard input (one line; the trailing newline is dropped). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/** `planraum users create|list|reset-link`: accounts without the web app (first admin, recovery). */
export const usersCommand: Command = {
  name: 'users',
  summary: 'create users, list them, issue password-reset links',
  usage: `planraum users create --org <slug> --email <address> (--role <role> | --admin) [options]
planraum users list --org <slug>
planraum users reset-link --org <slug> --email <address> [--base-url <url>]

create adds a person to an organisation. A new account gets a generated password, printed once,
unless --password-stdin reads one (at least 12 characters). An address that already has an
account (in another organisation) only gets the membership.

  --org <slug>            the organisation (required)
  --email <address>       the person's email address
  --role <role>           ${ROLES.join(', ')}
  --admin                 short for --role admin
  --name <text>           display name (default: the part of the address before @)
  --password-stdin        read the password from standard input
  --base-url <url>        reset-link: print a full URL, e.g. https://planraum.example.org
${DATABASE_USAGE}`,
  options: {
    ...DATABASE_OPTIONS,
    org: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    admin: { type: 'boolean' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'base-url': { type: 'string' },
  },
  async run(values, positionals) {
    const [sub] = positionals
    if (sub !== 'create' && sub !== 'list' && sub !== 'reset-link') {
      console.error(
        `planraum users: expected "create", "list" or "reset-link"; got ${sub === undefined ? 'nothing' : `"${sub}"`}.\n\n${usersCommand.usage}`,
      )
      return 2
    }
    const slug = str(values, 'org')
    if (slug === undefined) {
      console.error(`planraum users ${sub}: --org <slug> is required.`)
      return 2
    }
    const email = str(values, 'email')
    if (sub !== 'list' && email === undefined) {
      console.error(`planraum users ${sub}: --email <address> is required.`)
      return 2
    }
    let role: Role | undefined
    if (sub === 'create') {
      const given = values.admin === true ? 'admin' : str(values, 'role')
      if (given === undefined || !(ROLES as readonly string[]).includes(given)) {
        console.error(
          `planraum users create: expected --role ${ROLES.join('|')} or --admin; got ${given === undefined ? 'none' : `"${given}"`}.`,
        )
        return 2
      }
      if (
        values.admin === true &&
        str(values, 'role') !== undefined &&
        str(values, 'role') !== 'admin'
      ) {
        console.error('planraum users create: --admin and --role contradict each other.')
        return 2
      }
      role = given as Role
    }
    const stdinPassword = values['password-stdin'] === true ? await readStdin() : undefined

    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      const organizations = await listOrganizations(db)
      const organization = organizations.find((o) => o.slug === slug)
      if (!organization) {
        const known = organizations.map((o) => o.slug).join(', ') || 'none'
        console.error(
          `planraum users: the organisation "${slug}" does not exist (known: ${known}).`,
        )
        return 1
      }
      const context = { actor: cliActor() }

      if (sub === 'list') {
        const members = await listMembers(db, organization.id)
        if (members.length === 0) {
          console.log(`${slug} has no users yet: add one with "planraum users create".`)
          return 0
        }
        const width = Math.max(...members.map((m) => m.email.length))
        for (const m of members) {
          const notes = [
            m.disabled ? 'disabled' : '',
            m.accountDisabled ? 'account disabled' : '',
            m.lockedUntil ? `locked until ${m.lockedUntil}` : '',
            m.hasPassword ? '' : 'no password yet',
            m.areas ? `areas ${m.areas.map((a) => `${a.layer}/${a.code}`).join(', ')}` : '',
          ].filter(Boolean)
          console.log(
            `${String(m.id).padStart(5)}  ${m.email.padEnd(width)}  ${m.role.padEnd(10)}  ${m.displayName}${notes.length ? `  (${notes.join('; ')})` : ''}`,
          )
        }
        return 0
      }

      if (sub === 'reset-link') {
        const account = await findAccountByEmail(db, email!)
        const member =
          account && (await listMembers(db, organization.id)).find((m) => m.id === account.id)
        if (!member) {
          console.error(`planraum users reset-link: ${email} is not a member of ${slug}.`)
          return 1
        }
        const link = await issuePasswordReset(db, context, {
          organizationId: organization.id,
          userId: member.id,
        })
        const base = str(values, 'base-url')?.replace(/\/+$/, '') ?? ''
        console.log(
          `One-time password-reset link for ${member.email}, valid until ${link.expiresAt}:`,
        )
        console.log(`${base}${link.path}`)
        return 0
      }

      const existing = await findAccountByEmail(db, email!)
      const password = existing ? undefined : (stdinPassword ?? generatePassword())
      if (existing && stdinPassword !== undefined) {
        console.error(
          `planraum users create: ${existing.email} already has an account; its password stays. Run without --password-stdin to add the membership.`,
        )
        return 1
      }
      const result = await createUser(db, context, {
        organizationId: organization.id,
        email: email!,
        displayName: str(values, 'name') ?? email!.split('@')[0]!,
        role: role!,
        password: password ?? null,
      })
      console.log(
        result.accountCreated
          ? `Created ${result.user.email} as ${result.user.role} of ${slug}.`
          : `${result.user.email} had an account already: added as ${result.user.role} of ${slug} (password unchanged).`,
      )
      if (result.accountCreated && stdinPassword === undefined) {
        console.log(`Password (shown once, store it safely): ${password}`)
      }
      return 0
    } finally {
      await db.close()
    }
  },
}
