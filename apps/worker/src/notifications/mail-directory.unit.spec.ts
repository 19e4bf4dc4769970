import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMailDirectory, recipientsOf } from './mail-directory';

const file = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ntm-directory-')), 'danh-ba.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
};

const dossier = {
  dossierId: 'd',
  provinceCode: '06',
  districtCode: '058',
  communeCode: '01843',
  communeName: 'xã Nông Thượng',
  level: 'ntm',
  year: 2025,
  stepRoles: {},
};

describe('the mail directory', () => {
  it('reaches the role within its area: the commune, its district, its province', () => {
    const directory = readMailDirectory(
      file([
        { email: 'xa@example.test', role: 'commune_officer', provinceCode: '06', communeCode: '01843' },
        { email: 'xa-khac@example.test', role: 'commune_officer', provinceCode: '06', communeCode: '01840' },
        { email: 'huyen@example.test', role: 'district_officer', provinceCode: '06', districtCode: '058' },
        {
          email: 'huyen-khac@example.test',
          role: 'district_officer',
          provinceCode: '06',
          districtCode: '066',
        },
        { email: 'tinh@example.test', role: 'council_member', provinceCode: '06' },
        { email: 'tinh-khac@example.test', role: 'council_member', provinceCode: '07' },
      ]),
    );
    const of = (role: string) => recipientsOf(directory, role, dossier).map((r) => r.email);
    expect(of('commune_officer')).toEqual(['xa@example.test']);
    expect(of('district_officer')).toEqual(['huyen@example.test']);
    expect(of('council_member')).toEqual(['tinh@example.test']);
    expect(of('chairman')).toEqual([]);
  });

  it('refuses an entry without an address, a role or with codes that are not digits', () => {
    expect(() => readMailDirectory(file([{ role: 'chairman', provinceCode: '06' }]))).toThrow('entry 0');
    expect(() =>
      readMailDirectory(file([{ email: 'a@example.test', role: 'chairman', provinceCode: 6 }])),
    ).toThrow('entry 0');
    expect(() => readMailDirectory(file({ email: 'a@example.test' }))).toThrow('a list');
  });
});
