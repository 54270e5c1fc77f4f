// Writes a Brotli (.br) and a gzip (.gz) copy beside every compressible file of the built web app,
// once per build, at the best quality: the server hands them out as they lie (@fastify/static's
// preCompressed) instead of compressing ~2.5 MB of scripts for every visitor. Called by Vite after
// the build (vite.config.ts); `node scripts/precompress.js <dir>` does the same by hand.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

/** Text files worth it; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/
/** Smaller files gain less than the extra request handling costs. */
const MIN_BYTES = 1024

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

async function filesIn(dir) {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      const file = path.join(dir, entry.name)
      return entry.isDirectory() ? filesIn(file) : [file]
    }),
  )
  return nested.flat()
}

/**
 * Compresses the files of `dir` (recursively) and answers what it did: files, bytes before and
 * bytes in Brotli.
 */
export async function precompress(dir) {
  const files = []
  for (const file of await filesIn(dir)) {
    if (COMPRESSIBLE.test(file) && (await stat(file)).size >= MIN_BYTES) files.push(file)
  }
  let before = 0
  let after = 0
  // In parallel: zlib works in libuv's thread pool.
  await Promise.all(
    files.map(async (file) => {
      const body = await readFile(file)
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzipped(body, { level: constants.Z_BEST_COMPRESSION }),
      ])
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)])
      before += body.length
      after += br.length
    }),
  )
  return { files: files.length, before, after }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2]
  if (!dir) {
    console.error('usage: node scripts/precompress.js <directory of the built web app>')
    process.exit(2)
  }
  const { files, before, after } = await precompress(dir)
  console.log(`precompressed ${files} files: ${before} B, ${after} B in Brotli`)
}
