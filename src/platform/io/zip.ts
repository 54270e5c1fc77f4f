/**
 * A defensive ZIP reader for files users upload (zipped Shapefiles). It reads the central
 * directory itself and inflates each entry with fflate in small chunks, counting the bytes that
 * really come out, so a zip bomb is stopped while it expands — not after. Rejected outright:
 * path traversal and absolute names, encrypted entries, ZIP64, methods other than stored/deflate,
 * more entries, more bytes or a higher compression ratio than the limits allow, CRC mismatches.
 *
 * Format reference: PKWARE APPNOTE.TXT 6.3.10, sections 4.3.7 (local header), 4.3.12 (central
 * directory header) and 4.3.16 (end of central directory record).
 */
import { Inflate } from 'fflate'

/** Limits that keep a hostile archive from exhausting memory. */
export interface ZipLimits {
  /** Most entries (files and folders) the archive may hold. */
  maxEntries: number
  /** Most bytes all read entries may expand to together. */
  maxTotalBytes: number
  /** Highest uncompressed : compressed ratio of one entry … */
  maxRatio: number
  /** … checked once the entry has expanded beyond this many bytes (small text files compress well). */
  ratioThresholdBytes: number
}

/**
 * 1,000 entries, 512 MiB in total, ratio 200 beyond 1 MiB. A real DBF full of blank padding
 * compresses to about 1:50–1:100; deflate cannot exceed about 1:1032, which bombs reach.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  ratioThresholdBytes: 1024 * 1024,
}

export type ZipErrorCode =
  | 'ZIP_INVALID'
  | 'ZIP_UNSAFE_NAME'
  | 'ZIP_UNSUPPORTED'
  | 'ZIP_TOO_MANY_ENTRIES'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_BOMB'

/** A ZIP archive that is damaged, unsupported or unsafe; the message names the archive and entry. */
export class ZipError extends Error {
  override name = 'ZipError'
  constructor(
    readonly code: ZipErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** One file of the archive, with its data inflated. */
export interface ZipEntry {
  /** The name inside the archive with `/` separators, e.g. `grenzen/sozialraum.shp`. */
  name: string
  data: Uint8Array
}

export interface ReadZipOptions {
  limits?: Partial<ZipLimits>
  /** Which entries to inflate (all names are still checked for safety). Default: every file. */
  filter?: (name: string) => boolean
  /** The archive's name for messages, e.g. `grenzen.zip`. */
  source?: string
}

interface DirectoryEntry {
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const CHUNK = 16 * 1024

/**
 * Reads the files of a ZIP archive within the limits.
 *
 * @example
 * const entries = readZip(bytes, { source: 'bezirke.zip', filter: (n) => /\.(shp|dbf)$/i.test(n) })
 */
export function readZip(bytes: Uint8Array, options: ReadZipOptions = {}): ZipEntry[] {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits }
  const source = options.source ?? 'the ZIP archive'
  const directory = readDirectory(bytes, source, limits)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: ZipEntry[] = []
  let total = 0
  for (const entry of directory) {
    if (entry.name.endsWith('/')) continue // a folder
    if (options.filter && !options.filter(entry.name)) continue
    const where = `${source}, entry "${entry.name}"`
    if (entry.flags & 1) {
      throw new ZipError('ZIP_UNSUPPORTED', `${where} is encrypted; expected an unencrypted ZIP.`)
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError(
        'ZIP_UNSUPPORTED',
        `${where} uses compression method ${entry.method}; expected 0 (stored) or 8 (deflate). Re-create the archive with a standard ZIP tool.`,
      )
    }
    if (total + entry.size > limits.maxTotalBytes) {
      throw new ZipError(
        'ZIP_TOO_LARGE',
        `${where} would expand the archive beyond ${formatBytes(limits.maxTotalBytes)}; expected at most that much data.`,
      )
    }
    checkRatio(entry.size, entry.compressedSize, limits, where)
    if (
      entry.localOffset + 30 > bytes.length ||
      view.getUint32(entry.localOffset, true) !== LOCAL_SIGNATURE
    ) {
      throw new ZipError('ZIP_INVALID', `${where}: no local file header at the recorded offset.`)
    }
    const start =
      entry.localOffset +
      30 +
      view.getUint16(entry.localOffset + 26, true) +
      view.getUint16(entry.localOffset + 28, true)
    const end = start + entry.compressedSize
    if (end > bytes.length) {
      throw new ZipError('ZIP_INVALID', `${where} runs past the end of the archive (truncated?).`)
    }
    const compressed = bytes.subarray(start, end)
    const data =
      entry.method === 0
        ? compressed.slice()
        : inflateWithin(compressed, entry, limits, limits.maxTotalBytes - total, where)
    if (data.length !== entry.size) {
      throw new ZipError(
        'ZIP_INVALID',
        `${where} expanded to ${data.length} bytes; the directory says ${entry.size}.`,
      )
    }
    if (crc32(data) !== entry.crc) {
      throw new ZipError('ZIP_INVALID', `${where} is damaged (CRC-32 mismatch).`)
    }
    total += data.length
    out.push({ name: entry.name, data })
  }
  return out
}

/**
 * Rejects names that could escape a target folder if someone extracted the archive: `..`
 * segments, absolute paths, drive letters, backslashes that hide either, NUL characters.
 */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.includes('\0')) return false
  const normalised = name.replace(/\\/g, '/')
  if (normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised)) return false
  return !normalised.split('/').some((segment) => segment === '..')
}

function readDirectory(bytes: Uint8Array, source: string, limits: ZipLimits): DirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i
      break
    }
  }
  if (eocd < 0) {
    throw new ZipError(
      'ZIP_INVALID',
      `${source} is not a ZIP archive (no end-of-central-directory record).`,
    )
  }
  const count = view.getUint16(eocd + 10, true)
  const directorySize = view.getUint32(eocd + 12, true)
  const directoryOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new ZipError(
      'ZIP_UNSUPPORTED',
      `${source} is a ZIP64 archive; expected a standard ZIP (boundary files are far below 4 GiB).`,
    )
  }
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 8, true) !== count) {
    throw new ZipError('ZIP_UNSUPPORTED', `${source} spans several disks; expected one file.`)
  }
  if (count > limits.maxEntries) {
    throw new ZipError(
      'ZIP_TOO_MANY_ENTRIES',
      `${source} holds ${count} entries; expected at most ${limits.maxEntries}.`,
    )
  }
  if (directoryOffset + directorySize > eocd) {
    throw new ZipError('ZIP_INVALID', `${source}: the central directory lies outside the archive.`)
  }
  const entries: DirectoryEntry[] = []
  let p = directoryOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      throw new ZipError('ZIP_INVALID', `${source}: central directory entry ${i} is damaged.`)
    }
    const flags = view.getUint16(p + 8, true)
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength)
    // Bit 11: the name is UTF-8; otherwise CP437, which equals ASCII for the names that matter here.
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'windows-1252').decode(rawName)
    if (!isSafeEntryName(name)) {
      throw new ZipError(
        'ZIP_UNSAFE_NAME',
        `${source} contains the entry "${name}", which points outside the archive (absolute path or ".."); expected relative names. Nothing was imported.`,
      )
    }
    const entry: DirectoryEntry = {
      name: name.replace(/\\/g, '/'),
      flags,
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    }
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw new ZipError(
        'ZIP_UNSUPPORTED',
        `${source}, entry "${entry.name}" uses ZIP64 sizes; expected a standard ZIP.`,
      )
    }
    entries.push(entry)
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function checkRatio(size: number, compressedSize: number, limits: ZipLimits, where: string) {
  if (size > limits.ratioThresholdBytes && size > limits.maxRatio * Math.max(compressedSize, 1)) {
    throw new ZipError(
      'ZIP_BOMB',
      `${where} expands ${Math.round(size / Math.max(compressedSize, 1))}-fold (${formatBytes(compressedSize)} → ${formatBytes(size)}); expected at most ${limits.maxRatio}-fold. This looks like a zip bomb; nothing was imported.`,
    )
  }
}

/**
 * Inflates chunk by chunk and stops as soon as the output exceeds what the directory declared,
 * the remaining total budget or the ratio limit — the declared sizes of a hostile archive lie.
 */
function inflateWithin(
  compressed: Uint8Array,
  entry: DirectoryEntry,
  limits: ZipLimits,
  budget: number,
  where: string,
): Uint8Array {
  const parts: Uint8Array[] = []
  let produced = 0
  let finished = false
  const inflater = new Inflate((chunk, final) => {
    produced += chunk.length
    if (produced > entry.size) {
      throw new ZipError(
        'ZIP_BOMB',
        `${where} expands beyond the ${formatBytes(entry.size)} its directory entry declares; nothing was imported.`,
      )
    }
    if (produced > budget) {
      throw new ZipError(
        'ZIP_TOO_LARGE',
        `${where} would expand the archive beyond ${formatBytes(limits.maxTotalBytes)}; expected at most that much data.`,
      )
    }
    checkRatio(produced, compressed.length, limits, where)
    parts.push(chunk)
    if (final) finished = true
  })
  try {
    for (let i = 0; i < compressed.length; i += CHUNK) {
      inflater.push(
        compressed.subarray(i, Math.min(i + CHUNK, compressed.length)),
        i + CHUNK >= compressed.length,
      )
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true)
  } catch (error) {
    if (error instanceof ZipError) throw error
    throw new ZipError(
      'ZIP_INVALID',
      `${where} could not be inflated (${(error as Error).message}); the archive is damaged.`,
    )
  }
  if (!finished && produced !== entry.size) {
    throw new ZipError('ZIP_INVALID', `${where} ends early; the archive is truncated.`)
  }
  const data = new Uint8Array(produced)
  let offset = 0
  for (const part of parts) {
    data.set(part, offset)
    offset += part.length
  }
  return data
}

let crcTable: Uint32Array | undefined

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) {
    crc = (crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)) >>> 0
  }
  return (crc ^ 0xffffffff) >>> 0
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${n} bytes`
}
