import { describe, expect, it } from 'vitest';
import { inputFileFromBytes } from '../../input-file.js';
import { kwbNameCodeListParser } from './kwb-name-code-list.js';

describe('kwbNameCodeListParser', () => {
  it('recognises the derived jaar,regio_naam,code list and imports nothing from it', async () => {
    const file = inputFileFromBytes(
      'kwb2016-2020_heerlen_naam_naar_code__afgeleid.csv',
      Buffer.from('jaar,regio_naam,code\n2016,Heerlen,GM0917\n'),
    );
    expect(kwbNameCodeListParser.detect(file)).toBe(0.9);
    const batch = await kwbNameCodeListParser.parse(file, {
      listAreaNames: async () => [],
      findGemeenteByName: async () => [],
    });
    expect(batch.values.length).toBe(0);
    expect(batch.areas).toEqual([]);
    expect(batch.warnings.map((w) => w.code)).toEqual(['FILE_SKIPPED']);
    expect(
      kwbNameCodeListParser.detect(inputFileFromBytes('x.csv', Buffer.from('jaar,naam,code,extra\n'))),
    ).toBe(0);
  });
});
