import { unzipSync, zlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import {
  DocxError,
  parseXml,
  pngSize,
  readDocxTables,
  writeDocx,
  type DocxDocument,
  type XmlElement,
} from './docx.js'
import { crc32 } from './zip.js'

/** A real, minimal PNG (8-bit grey, filter 0 per row) of the given size. */
function makePng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array(4 + data.length)
    body.set(new TextEncoder().encode(type))
    body.set(data, 4)
    const out = new Uint8Array(12 + data.length)
    const view = new DataView(out.buffer)
    view.setUint32(0, data.length)
    out.set(body, 4)
    view.setUint32(8 + data.length, crc32(body))
    return out
  }
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr.set([8, 0, 0, 0, 0], 8)
  const raw = new Uint8Array(height * (width + 1)).fill(128)
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    png.set(part, offset)
    offset += part.length
  }
  return png
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#1f3864"/></svg>'

const DOC: DocxDocument = {
  title: 'Sozialbericht 2024',
  author: 'Sozialplanung Musterstadt',
  created: new Date(Date.UTC(2025, 2, 1, 9, 30)),
  internal: true,
  footerText: 'Datenstand 31.12.2024',
  blocks: [
    { type: 'title', text: 'Sozialbericht 2024' },
    { type: 'toc' },
    { type: 'pageBreak' },
    { type: 'heading', level: 1, text: 'Kinderarmut' },
    { type: 'heading', level: 2, text: 'Überblick' },
    { type: 'heading', level: 3, text: 'Details & Quellen' },
    {
      type: 'paragraph',
      text: [
        'Die Quote liegt bei ',
        { text: '31,2\u00a0%', bold: true },
        ' (',
        { text: 'vorläufig', italic: true },
        ').\nZweite Zeile',
      ],
      align: 'justify',
    },
    { type: 'list', items: ['Erster Punkt', [{ text: 'Zweiter', bold: true }, ' Punkt']] },
    {
      type: 'table',
      caption: 'Tabelle 1: SGB-II-Quote der unter 15-Jährigen',
      columns: [{}, { widthMm: 30, align: 'right' }, { widthMm: 30, align: 'right' }],
      header: ['Sozialraum', '2019', '2024'],
      rows: [
        ['Nordstadt', '28,9', '31,2'],
        ['Altstadt <Mitte> & Hafen', '1.234', '.'],
      ],
    },
    {
      type: 'image',
      png: makePng(400, 200),
      svg: SVG,
      alt: 'Karte der SGB-II-Quote',
      caption: 'Abbildung 1',
    },
    { type: 'image', png: makePng(800, 100), alt: 'Breites Diagramm', widthMm: 400 },
  ],
}

function unzip(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes)
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(files)) {
    out[name] = /\.(xml|rels)$/.test(name)
      ? new TextDecoder().decode(data)
      : `(${data.length} bytes)`
  }
  return out
}

function all(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (child.name === name) out.push(child)
    out.push(...all(child, name))
  }
  return out
}

describe('writeDocx', () => {
  const bytes = writeDocx(DOC)
  const parts = unzip(bytes)

  it('writes every part as well-formed XML with declared namespaces', () => {
    const xmlParts = Object.keys(parts).filter((n) => /\.(xml|rels)$/.test(n))
    expect(xmlParts.sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/app.xml',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/footer1.xml',
      'word/header1.xml',
      'word/numbering.xml',
      'word/settings.xml',
      'word/styles.xml',
    ])
    for (const name of xmlParts) expect(() => parseXml(parts[name]!), name).not.toThrow()
  })

  it('declares a content type for every part and lists no missing part', () => {
    const types = parseXml(parts['[Content_Types].xml']!)
    const defaults = new Map(
      all(types, 'Default').map((d) => [d.attributes.Extension!, d.attributes.ContentType!]),
    )
    const overrides = new Map(
      all(types, 'Override').map((o) => [
        o.attributes.PartName!.slice(1),
        o.attributes.ContentType!,
      ]),
    )
    for (const name of Object.keys(parts)) {
      if (name === '[Content_Types].xml') continue
      const type = overrides.get(name) ?? defaults.get(name.split('.').pop()!)
      expect(type, name).toBeDefined()
    }
    for (const name of overrides.keys()) expect(parts[name], name).toBeDefined()
    expect(overrides.get('word/document.xml')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    )
    expect(defaults.get('png')).toBe('image/png')
    expect(defaults.get('svg')).toBe('image/svg+xml')
  })

  it('resolves every relationship and every r:id used in the document', () => {
    for (const [rels, base] of [
      ['_rels/.rels', ''],
      ['word/_rels/document.xml.rels', 'word/'],
    ] as const) {
      for (const rel of all(parseXml(parts[rels]!), 'Relationship')) {
        expect(
          parts[base + rel.attributes.Target!],
          `${rels} → ${rel.attributes.Target}`,
        ).toBeDefined()
      }
    }
    const ids = new Set(
      all(parseXml(parts['word/_rels/document.xml.rels']!), 'Relationship').map(
        (r) => r.attributes.Id,
      ),
    )
    const used = [...parts['word/document.xml']!.matchAll(/r:(?:id|embed)="([^"]+)"/g)].map(
      (m) => m[1],
    )
    expect(used.length).toBe(5) // header, footer, two PNGs, one SVG
    for (const id of used) expect(ids.has(id), id).toBe(true)
  })

  it('uses the built-in heading styles with outline levels, so Word builds a table of contents', () => {
    const document = parts['word/document.xml']!
    for (const level of [1, 2, 3]) expect(document).toContain(`<w:pStyle w:val="Heading${level}"/>`)
    const styles = parseXml(parts['word/styles.xml']!)
    for (const level of [1, 2, 3]) {
      const style = all(styles, 'w:style').find(
        (s) => s.attributes['w:styleId'] === `Heading${level}`,
      )!
      expect(all(style, 'w:name')[0]!.attributes['w:val']).toBe(`heading ${level}`)
      expect(all(style, 'w:outlineLvl')[0]!.attributes['w:val']).toBe(String(level - 1))
    }
    expect(document).toContain('TOC \\o "1-3" \\h \\z \\u')
    expect(parts['word/settings.xml']).toContain('<w:updateFields w:val="true"/>')
  })

  it('writes runs with bold, italic, line breaks and escaped text', () => {
    const document = parts['word/document.xml']!
    expect(document).toContain(
      '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">31,2\u00a0%</w:t></w:r>',
    )
    expect(document).toContain(
      '<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">vorläufig</w:t>',
    )
    expect(document).toContain(
      '<w:t xml:space="preserve">).</w:t><w:br/><w:t xml:space="preserve">Zweite Zeile</w:t>',
    )
    expect(document).toContain('Details &amp; Quellen')
    expect(document).toContain('<w:jc w:val="both"/>')
    expect(document.match(/<w:numId w:val="1"\/>/g)?.length).toBe(2)
    expect(parts['word/numbering.xml']).toContain('<w:numFmt w:val="bullet"/>')
  })

  it('writes a real table: header repeated, fixed widths, right-aligned numbers', () => {
    const document = parseXml(parts['word/document.xml']!)
    const table = all(document, 'w:tbl')[0]!
    const widths = all(table, 'w:gridCol').map((c) => Number(c.attributes['w:w']))
    // 30 mm = 1701 twips; the first column takes the rest of the 160 mm (9072 twips) text width.
    expect(widths).toEqual([9072 - 2 * 1701, 1701, 1701])
    const rows = all(table, 'w:tr')
    expect(rows.map((r) => all(r, 'w:tblHeader').length)).toEqual([1, 0, 0])
    const jc = (row: XmlElement) =>
      all(row, 'w:tc').map((c) => all(c, 'w:jc')[0]?.attributes['w:val'] ?? 'left')
    expect(rows.map(jc)).toEqual([
      ['left', 'right', 'right'],
      ['left', 'right', 'right'],
      ['left', 'right', 'right'],
    ])
    expect(all(table, 'w:tblLayout')[0]!.attributes['w:type']).toBe('fixed')
  })

  it('embeds PNG images scaled to at most the text width, with an SVG for Word 2016+', () => {
    const document = parseXml(parts['word/document.xml']!)
    const extents = all(document, 'wp:extent').map((e) => [
      Number(e.attributes.cx),
      Number(e.attributes.cy),
    ])
    // 400 × 200 px at 96 dpi = 9525 EMU per px; 400 mm clamps to the 9072-twip text width (635 EMU per twip).
    expect(extents).toEqual([
      [400 * 9525, 200 * 9525],
      [9072 * 635, (9072 * 635) / 8],
    ])
    expect(all(document, 'wp:docPr').map((d) => d.attributes.descr)).toEqual([
      'Karte der SGB-II-Quote',
      'Breites Diagramm',
    ])
    const ext = all(document, 'a:ext').find((e) => e.attributes.uri)!
    expect(ext.attributes.uri).toBe('{96DAC541-7B7A-43D3-8B79-37D633B846F1}')
    expect(all(ext, 'asvg:svgBlip')).toHaveLength(1)
    expect(
      Object.keys(parts)
        .filter((n) => n.startsWith('word/media/'))
        .sort(),
    ).toEqual(['word/media/image1.png', 'word/media/image2.svg', 'word/media/image3.png'])
  })

  it('puts „INTERN“ in the header and „Seite X von Y“ fields in the footer', () => {
    expect(parts['word/header1.xml']).toContain('INTERN')
    expect(parts['word/header1.xml']).toContain('Sozialbericht 2024')
    const footer = parts['word/footer1.xml']!
    expect(footer).toContain('Datenstand 31.12.2024')
    expect(footer).toContain('> PAGE <')
    expect(footer).toContain('> NUMPAGES <')
    expect(footer).toMatch(/Seite .*PAGE.* von .*NUMPAGES/)
    const sectPr = parts['word/document.xml']!.match(/<w:sectPr>.*<\/w:sectPr>/)![0]
    expect(sectPr).toContain('<w:headerReference w:type="default"')
    expect(sectPr).toContain('<w:footerReference w:type="default"')
    expect(sectPr).toContain('<w:pgSz w:w="11906" w:h="16838"/>')
  })

  it('writes the properties and the language', () => {
    const core = parts['docProps/core.xml']!
    expect(core).toContain('<dc:title>Sozialbericht 2024</dc:title>')
    expect(core).toContain('<dc:creator>Sozialplanung Musterstadt</dc:creator>')
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-01T09:30:00Z</dcterms:created>',
    )
    expect(core).toContain('<dc:language>de-DE</dc:language>')
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="de-DE"')
  })

  it('writes English footers and no marking for a public English report', () => {
    const english = unzip(writeDocx({ title: 'Social report', language: 'en', blocks: [] }))
    expect(english['word/header1.xml']).not.toContain('INTERN')
    expect(english['word/footer1.xml']).toMatch(/Page .*PAGE.* of .*NUMPAGES/)
    expect(english['word/styles.xml']).toContain('<w:lang w:val="en-GB"')
    expect(english['word/settings.xml']).not.toContain('updateFields')
    expect(english['[Content_Types].xml']).not.toContain('image/png')
    expect(writeDocx({ ...DOC, internal: false })).not.toEqual(bytes)
  })

  it('is reproducible: the same document gives the same bytes', () => {
    expect(writeDocx(DOC)).toEqual(bytes)
  })

  it('reads its tables back', () => {
    expect(readDocxTables(bytes)).toEqual([
      [
        ['Sozialraum', '2019', '2024'],
        ['Nordstadt', '28,9', '31,2'],
        ['Altstadt <Mitte> & Hafen', '1.234', '.'],
      ],
    ])
  })

  it('drops characters XML cannot carry', () => {
    const doc = writeDocx({
      title: 't',
      blocks: [{ type: 'table', columns: [{}], header: ['a\u0001b'], rows: [['x\ty']] }],
    })
    expect(readDocxTables(doc)).toEqual([[['ab'], ['x\ty']]])
  })
})

describe('bad input', () => {
  const write = (block: unknown) => () => writeDocx({ title: 't', blocks: [block as never] })

  it('says which block is wrong and what was expected', () => {
    expect(write({ type: 'table', columns: [{}, {}], header: ['a'], rows: [] })).toThrow(
      new DocxError('Block 0 (table), header: expected 2 cells (one per column), got 1.'),
    )
    expect(write({ type: 'table', columns: [{}], header: ['a'], rows: [['1', '2']] })).toThrow(
      'Block 0 (table), row 1: expected 1 cells (one per column), got 2.',
    )
    expect(write({ type: 'table', columns: [{ widthMm: -3 }], header: ['a'], rows: [] })).toThrow(
      'column 1: expected a width in mm above 0, got -3',
    )
    expect(write({ type: 'heading', level: 4, text: 'x' })).toThrow(
      'expected level 1, 2 or 3, got 4',
    )
    expect(
      write({
        type: 'image',
        png: new TextEncoder().encode('GIF89a........................'),
        alt: 'x',
      }),
    ).toThrow(/Block 0 \(image\): Expected a PNG image/)
    expect(write({ type: 'quote', text: 'x' })).toThrow('unknown type "quote"')
  })

  it('reads the size of a PNG from its header', () => {
    expect(pngSize(makePng(3, 7))).toEqual({ width: 3, height: 7 })
  })
})

describe('parseXml', () => {
  it('reads elements, attributes, entities and text', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<a x="1 &amp; 2"><b/>t&lt;&#x41;&#66;<![CDATA[<raw>]]></a>',
    )
    expect(root).toEqual({
      name: 'a',
      attributes: { x: '1 & 2' },
      children: [{ name: 'b', attributes: {}, children: [] }, 't<AB', '<raw>'],
    })
  })

  it('rejects what Word would reject', () => {
    const bad = {
      '<a><b></a></b>': /does not match/,
      '<a>': /is not closed/,
      '<a/><b/>': /second root/,
      '<a x=1/>': /malformed start tag/,
      '<a x="1" x="2"/>': /appears twice/,
      '<a>&</a>': /bare "&"/,
      '<a>&nbsp;</a>': /unknown entity/,
      '<w:p/>': /prefix "w" of "w:p" is not declared/,
      '<a w:val="1"/>': /prefix "w" of "w:val" is not declared/,
      '<!DOCTYPE a><a/>': /DTDs/,
      text: /no root element|outside the root/,
    }
    for (const [xml, message] of Object.entries(bad))
      expect(() => parseXml(xml), xml).toThrow(message)
    expect(() => parseXml('<w:p xmlns:w="urn:x"><w:r xml:space="preserve"/></w:p>')).not.toThrow()
  })
})
