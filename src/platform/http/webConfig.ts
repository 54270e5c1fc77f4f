/**
 * What the web app needs to know of the server's configuration, and nothing more: the operator's
 * basemap style (PLANRAUM_BASEMAP_STYLE_URL). Public, because the public atlas shows the basemap
 * too — which also means the style URL (and any key in it) is visible to every visitor.
 */
import { z } from 'zod'

import type { HttpModule } from './server.js'
import { defineRoute } from './routes.js'

export const WebConfig = z.object({
  basemapStyleUrl: z
    .string()
    .nullable()
    .describe(
      'MapLibre style URL of the basemap under the atlas (absolute, or a path on this server); null: no basemap, the atlas fetches nothing from elsewhere',
    ),
})

/**
 * The module answering `GET /api/config`.
 *
 * @example webConfigModule({ styleUrl: '/basemap/style.json' }) // GET /api/config → { basemapStyleUrl: '/basemap/style.json' }
 */
export function webConfigModule(basemap: { styleUrl: string } | null): HttpModule {
  const answer: z.infer<typeof WebConfig> = { basemapStyleUrl: basemap?.styleUrl ?? null }
  return {
    name: 'web',
    routes: [
      defineRoute(
        {
          method: 'GET',
          path: '/config',
          operationId: 'getWebConfig',
          summary: 'Configuration of the web app (the basemap of the atlas)',
          tags: ['web'],
          access: 'public',
          response: WebConfig,
        },
        async () => answer,
      ),
    ],
  }
}
