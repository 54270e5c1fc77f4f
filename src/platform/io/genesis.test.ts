import { describe, expect, it } from 'vitest'

import {
  detectGenesisFormat,
  readGenesis,
  type GenesisFormat,
  type GenesisRecord,
} from './genesis.js'

async function read(lines: string[], format: GenesisFormat) {
  async function* rows() {
    for (const [i, line] of lines.entries()) yield { row: i + 1, cells: line.split(';') }
  }
  const { info, records } = readGenesis(rows(), format)
  const out: GenesisRecord[] = []
  for await (const r of records) out.push(r)
  return { info, records: out }
}

describe('GENESIS exports', () => {
  it('recognises the three shapes by their first row', () => {
    expect(detectGenesisFormat(['statistics_code', 'time', 'value'])).toBe('genesis-ffcsv')
    expect(detectGenesisFormat(['Statistik_Code', 'Zeit'])).toBe('genesis-ffcsv-legacy')
    expect(detectGenesisFormat(['GENESIS-Tabelle: 12411-01-01-4'])).toBe('genesis-table')
    expect(detectGenesisFormat(['Tabelle: 12411-01-01-4'])).toBe('genesis-table')
    expect(detectGenesisFormat(['Gebiet', 'Jahr'])).toBeNull()
  })

  it('reads the 2024 flat file with the area from the regional variable', async () => {
    const { records } = await read(
      [
        'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label;value_q',
        '12411;Bev;STAG;Stichtag;2018-12-31;KREISE;Kreise;01001;Flensburg;GES;Geschlecht;GESM;männlich;44599;Anzahl;BEVSTD;Bevölkerungsstand;e',
        '12411;Bev;STAG;Stichtag;2018-12-31;GES;Geschlecht;;Insgesamt;DLAND;Länder;01;SH;2896712;Anzahl;BEVSTD;Bevölkerungsstand;p',
      ],
      'genesis-ffcsv',
    )
    expect(records).toEqual([
      expect.objectContaining({
        row: 2,
        area: '01001',
        areaColumn: 7,
        period: '2018-12-31',
        variable: 'BEVSTD.GESM',
        value: '44599',
        valueColumn: 13,
        status: null,
      }),
      expect.objectContaining({
        row: 3,
        area: '01',
        areaColumn: 11,
        variable: 'BEVSTD',
        status: 'p',
      }),
    ])
  })

  it('reads the previous flat file with one column per value variable', async () => {
    const { records } = await read(
      [
        'Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;1_Auspraegung_Code;1_Auspraegung_Label;FILM11__Kinos__Anzahl;FILM11__Kinos__q;FILM05__Filmbesuche__Mill._EUR;FILM05__Filmbesuche__q',
        '21611;Kulturstatistik;JAHR;Jahr;2022;DINSG;Deutschland insgesamt;DG;Deutschland;1730;e;722,0;p',
      ],
      'genesis-ffcsv-legacy',
    )
    expect(records.map((r) => [r.area, r.period, r.variable, r.value, r.status])).toEqual([
      ['DG', '2022', 'FILM11', '1730', null],
      ['DG', '2022', 'FILM05', '722,0', 'p'],
    ])
  })

  it('reads a table CSV: titles, header lines, data, footer', async () => {
    const { info, records } = await read(
      [
        'GENESIS-Tabelle: 12411-01-01-4',
        'Bevölkerungsstand: Bevölkerung nach Geschlecht;;;;;;',
        ';;Stichtag;Stichtag;Stichtag;Stichtag',
        ';;31.12.2017;;31.12.2018;',
        ';;Insgesamt;weiblich;Insgesamt;weiblich',
        'DG;Deutschland;82792351;.;83019213;-',
        '01001;      Flensburg, Kreisfreie Stadt;;45000;89504;44905',
        '__________',
        'Stand: 14.11.2019 / 10:36:42',
      ],
      'genesis-table',
    )
    expect(info).toMatchObject({
      table: '12411-01-01-4',
      footer: ['__________', 'Stand: 14.11.2019 / 10:36:42'],
    })
    expect(info.columns.slice(2)).toEqual([
      '31.12.2017 Insgesamt',
      '31.12.2017 weiblich',
      '31.12.2018 Insgesamt',
      '31.12.2018 weiblich',
    ])
    expect(
      records.map((r) => [r.row, r.area, r.period, r.variable, r.value, r.valueColumn]),
    ).toEqual([
      [6, 'DG', '31.12.2017', 'Insgesamt', '82792351', 2],
      [6, 'DG', '31.12.2017', 'weiblich', '.', 3],
      [6, 'DG', '31.12.2018', 'Insgesamt', '83019213', 4],
      [6, 'DG', '31.12.2018', 'weiblich', '-', 5],
      [7, '01001', '31.12.2017', 'weiblich', '45000', 3],
      [7, '01001', '31.12.2018', 'Insgesamt', '89504', 4],
      [7, '01001', '31.12.2018', 'weiblich', '44905', 5],
    ])
    expect(records[4]!.areaName).toBe('Flensburg, Kreisfreie Stadt')
  })

  it('says what is missing in a broken flat file', async () => {
    await expect(read(['statistics_code;time;value', 'x;2018;1'], 'genesis-ffcsv')).rejects.toThrow(
      /lacks the columns 1_variable_attribute_code, value_variable_code/,
    )
  })
})
