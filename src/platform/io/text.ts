/**
 * Text encodings of statistics files. German offices and spreadsheets still write Windows-1252
 * (Excel's "CSV (Trennzeichen-getrennt)", Regionalstatistik table downloads); everything newer is
 * UTF-8. The rule: a byte-order mark means UTF-8; bytes that are valid UTF-8 throughout are UTF-8;
 * anything else is Windows-1252 (which decodes every byte, so reading never fails).
 */
import { FileReadError } from './limits.js'

export type TextEncoding = 'utf-8' | 'windows-1252'

export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252']

const BOM = [0xef, 0xbb, 0xbf]

/** True when the bytes start with the UTF-8 byte-order mark. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]
}

/**
 * Watches the bytes of a file go by (in chunks of any size) and tells its encoding at the end;
 * used in the same pass that computes the file's checksum, so the file is read once for both.
 *
 * @example
 * const sniffer = new EncodingSniffer()
 * for await (const chunk of stream) sniffer.push(chunk)
 * sniffer.result() // 'utf-8' or 'windows-1252'
 */
export class EncodingSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })
  private valid = true
  private first = true
  private bom = false

  push(chunk: Uint8Array): void {
    if (this.first && chunk.length > 0) {
      this.first = false
      this.bom = hasUtf8Bom(chunk)
    }
    if (!this.valid || this.bom) return
    try {
      this.decoder.decode(chunk, { stream: true })
    } catch {
      this.valid = false
    }
  }

  result(): TextEncoding {
    if (this.bom) return 'utf-8'
    if (this.valid) {
      try {
        this.decoder.decode() // a multi-byte sequence cut off at the end is invalid too
      } catch {
        this.valid = false
      }
    }
    return this.valid ? 'utf-8' : 'windows-1252'
  }
}

/**
 * The encoding of a whole file in memory.
 *
 * @example detectEncoding(new Uint8Array([0x4b, 0xe4, 0x73, 0x65])) // 'windows-1252' (Käse)
 */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const sniffer = new EncodingSniffer()
  sniffer.push(bytes)
  return sniffer.result()
}

/**
 * Decodes byte chunks to text chunks without splitting characters at chunk borders; a leading
 * UTF-8 byte-order mark is dropped.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  // ignoreBOM: false drops the BOM; fatal: false turns stray bytes into U+FFFD instead of throwing.
  const decoder = new TextDecoder(encoding, { ignoreBOM: false })
  let first = true
  for await (const chunk of chunks) {
    if (first && chunk.length >= 2) {
      first = false
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        throw new FileReadError(
          'INVALID_FILE',
          'The file is UTF-16 text; expected UTF-8 or Windows-1252: save it as "CSV UTF-8".',
        )
      }
    }
    const text = decoder.decode(chunk, { stream: true })
    // A NUL character never occurs in a text table: the file is binary (or UTF-16 without BOM).
    if (text.includes('\u0000')) {
      throw new FileReadError(
        'INVALID_FILE',
        'The file contains NUL bytes, so it is not a text table; expected a CSV file in UTF-8 or Windows-1252.',
      )
    }
    if (text.length > 0) yield text
  }
  const rest = decoder.decode()
  if (rest.length > 0) yield rest
}
