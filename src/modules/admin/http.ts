import { z } from 'zod'

import { BackupError, backupLiveDataDir } from '../../platform/db/backup.js'
import type { Database } from '../../platform/db/index.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'

/** The route `planraum backup` calls, below /api. */
export const BACKUP_PATH = '/admin/backup'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export const adminRoutes = (db: Database): DefinedRoute[] => [
  defineRoute(
    {
      method: 'POST',
      path: BACKUP_PATH,
      operationId: 'createBackup',
      summary: 'Download a consistent backup of the embedded database (.tar.gz)',
      description:
        'Checkpoints the embedded database and answers with a gzip-compressed tar of its data directory, taken at one instant while the server keeps serving; `planraum restore` reads it. The backup holds every organisation, so only an administrator without an area scope may take it, and only from the server host itself (loopback, not through a proxy). A PostgreSQL server is backed up with pg_dump instead (CONFLICT).',
      tags: ['admin'],
      access: 'admin:backup',
      body: z.unknown().optional(),
      produces: ['application/gzip'],
      errors: ['CONFLICT'],
    },
    async ({ actor, request, reply }) => {
      const remote = request.socket.remoteAddress ?? ''
      if (!LOOPBACK.has(remote) || request.headers['x-forwarded-for'] !== undefined) {
        throw new ApiError('FORBIDDEN', 'Backups are taken from the server host only (127.0.0.1).')
      }
      if (actor.areaIds !== null) {
        throw new ApiError(
          'FORBIDDEN',
          'A backup holds every area: an administrator scoped to areas may not take it.',
        )
      }
      let archive: Buffer
      try {
        archive = await backupLiveDataDir(db)
      } catch (error) {
        if (error instanceof BackupError) throw new ApiError('CONFLICT', error.message)
        throw error
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="planraum-${stamp}.tar.gz"`)
        .header('cache-control', 'no-store')
        .send(archive)
    },
  ),
]
