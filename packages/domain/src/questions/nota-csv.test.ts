import { describe, expect, it } from 'vitest'
import { csvCell, toNotaCsv, UTF8_BOM } from './nota-csv'

describe('nota CSV', () => {
  it('starts with a BOM, has a header and CRLF rows in number order', () => {
    const at = new Date('2026-03-01T09:30:00.000Z')
    const csv = toNotaCsv([
      { number: 2, question: 'Mag een coöperatie inschrijven?', answer: 'Ja.', publishedAt: at, notaVersion: 1 },
      { number: 1, question: 'Wat is "sociaal", precies?', answer: 'Zie\nde bijlage', publishedAt: at, notaVersion: 1 },
    ])
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Nummer,Vraag,Antwoord,Gepubliceerd op,Versie nota',
      '1,"Wat is ""sociaal"", precies?","Zie\nde bijlage",2026-03-01T09:30:00.000Z,1',
      '2,Mag een coöperatie inschrijven?,Ja.,2026-03-01T09:30:00.000Z,1',
      '',
    ])
  })
  it('defuses spreadsheet formulas in text cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+31 6')).toBe("'+31 6")
    expect(csvCell('@SUM')).toBe("'@SUM")
    expect(csvCell(-1)).toBe('-1')
  })
})
