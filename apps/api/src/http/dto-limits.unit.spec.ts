import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import * as commendation from '../commendation/commendation.dto';
import * as district from '../dossiers/district-stage.dto';
import * as dossiers from '../dossiers/dossier.dto';
import * as reports from '../reports/reports.dto';

// Every input has a bound (issue 9): each string a length or a pattern, each list a size, each number a range, and
// each nested object is required unless marked optional. Read from the DTOs' own validation metadata.

type Cls = abstract new (...args: never[]) => unknown;
const classes = Object.entries({ ...dossiers, ...district, ...commendation, ...reports }).filter(
  ([name, value]) => typeof value === 'function' && name.endsWith('Dto'),
) as [string, Cls][];

const BOUNDED_STRING = ['maxLength', 'matches', 'isIn', 'isUUID', 'isEnum'];

const problemsOf = (cls: Cls): string[] => {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const properties = [...new Set(metadata.map((m) => m.propertyName))];
  return properties.flatMap((property) => {
    const own = metadata.filter((m) => m.propertyName === property);
    const has = (name: string, each?: boolean) =>
      own.some((m) => (m.name === name || m.type === name) && (each === undefined || !!m.each === each));
    const problems: string[] = [];
    const where = `${cls.name}.${property}`;
    if (has('isString', false) && !BOUNDED_STRING.some((n) => has(n, false)))
      problems.push(`${where}: string without bound`);
    if (has('isString', true) && !BOUNDED_STRING.some((n) => has(n, true)))
      problems.push(`${where}: strings without bound`);
    if (has('isArray') && !has('arrayMaxSize') && !has('isIn', true))
      problems.push(`${where}: list without size`);
    if ((has('isInt') || has('isNumber')) && !(has('max') && has('min')))
      problems.push(`${where}: number without range`);
    if (has('nestedValidation') && !has('isArray') && !has('conditionalValidation') && !has('isDefined'))
      problems.push(`${where}: nested object not required`);
    return problems;
  });
};

describe('request DTOs', () => {
  it('bound every string, list and number, and require every nested object', () => {
    expect(classes.length).toBeGreaterThan(50);
    expect(classes.flatMap(([, cls]) => problemsOf(cls))).toEqual([]);
  });
});
