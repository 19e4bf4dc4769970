import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import fc from 'fast-check';
import { dossierStepBodies, type DossierStepBodies } from '../../../../test/fixtures/dossier-step-bodies';
import { isPlainData, QuickAcceptance } from './quick-acceptance';
import { validationPipe } from './validation';

// Every module of the API that declares validated classes: the DTOs, and the classes some controllers keep inline.
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') &&
          !e.name.endsWith('.spec.ts') &&
          (e.name.endsWith('.dto.ts') ||
            /from 'class-validator'/.test(readFileSync(join(dir, e.name), 'utf8')))
        ? [join(dir, e.name)]
        : [],
  );
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the list is only known at run time
const modules = sources(join(__dirname, '..')).map((file) => require(file) as Record<string, unknown>);

type Cls = new () => object;
const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown[]> };
const classes = [...storage.validationMetadatas.keys()].filter((k): k is Cls => typeof k === 'function');
const byName = (name: string): Cls => {
  for (const m of modules) if (typeof m[name] === 'function') return m[name] as Cls;
  throw new Error(`no class ${name}`);
};

// The API pipe's validator options (validation.ts), as Nest passes them to class-validator.
const OPTIONS = {
  forbidUnknownValues: false,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};
const quick = new QuickAcceptance(false);

/** Both verdicts on one body: QuickAcceptance's, and class-validator's on the same instance. */
const verdicts = async (cls: Cls, body: unknown) => {
  const entity = plainToInstance(cls, body) as object;
  const quickVerdict = quick.accepts(entity);
  const errors = await validate(plainToInstance(cls, body) as object, OPTIONS);
  return { quick: quickVerdict, classValidator: errors.length === 0 };
};

const sha = (n: number) => n.toString(16).padStart(64, 'a');
const instant = '2025-11-20T08:00:00.000Z';
const bodies = dossierStepBodies(sha, () => instant, 3);
/** The DTO each step's body is validated by. */
const DTO_OF: Record<keyof DossierStepBodies, string> = {
  open: 'OpenDossierUnderSetDto',
  selfAssessment: 'SelfAssessmentDto',
  publicPosting: 'PublicPostingDto',
  publicComment: 'PublicCommentDto',
  surveyResult: 'SurveyResultDto',
  communeMeeting: 'CommuneMeetingDto',
  submission: 'SubmissionDto',
  districtPosting: 'DistrictPostingDto',
  districtVote: 'DistrictBoardVoteDto',
  verification: 'VerificationDto',
  appraisalPosting: 'AppraisalPostingDto',
  councilVote: 'CouncilVoteDto',
  appraisalConclusion: 'AppraisalConclusionDto',
  decision: 'DecisionDto',
  announcement: 'AnnouncementDto',
};
const VALID = Object.entries(DTO_OF).map(
  ([step, dto]) => [dto, bodies[step as keyof DossierStepBodies]] as [string, unknown],
);

/** Values that sit on or across the usual rules: types, blanks, bounds, formats, nesting. */
const tricky = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(
      undefined,
      null,
      '',
      '  ',
      'Đạt',
      'ntm',
      'approve',
      '2025-01-15',
      '2025-02-30',
      instant,
      sha(1),
      sha(1).toUpperCase(),
      '06',
      '01843',
      '12/QĐ-UBND',
      'x'.repeat(201),
      'x'.repeat(2001),
      0,
      -1,
      1,
      19,
      20,
      2025,
      1.5,
      1e21,
      Number.NaN,
      true,
      false,
      [],
      {},
      [null],
      [''],
      [sha(2)],
      { extra: 1 },
      { members: 15, present: 15, for: 15, against: 0 },
    ),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  );

/** `body` with one change at `path` (a property replaced, removed, or an unknown one added). */
const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => {
        const key = Array.isArray(value) ? Number(k) : k;
        return [[...prefix, key], ...paths(v, [...prefix, key])];
      })
    : [];
const changed = (body: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown => {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
};

describe('QuickAcceptance: a yes only where class-validator finds nothing wrong', () => {
  it('found the validated classes of the API', () => {
    expect(classes.length).toBeGreaterThan(60);
  });

  it('says yes to every valid step of a dossier, as class-validator does', async () => {
    for (const [name, body] of VALID)
      expect({ name, ...(await verdicts(byName(name), body)) }).toEqual({
        name,
        quick: true,
        classValidator: true,
      });
  });

  it('agrees with class-validator on every one-field change of a valid body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...VALID),
        fc.nat(),
        tricky(),
        fc.boolean(),
        async ([name, body], pick, value, remove) => {
          const all = [...paths(body), ['unknownField']];
          const body2 = changed(body, all[pick % all.length], value, remove);
          const v = await verdicts(byName(name), body2);
          expect(v.quick).toBe(v.classValidator);
        },
      ),
      { numRuns: 3000, seed: 20261203 },
    );
  });

  it('agrees with class-validator on bodies of random fields for every validated class of the API', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...classes),
        fc.dictionary(
          fc.constantFrom(
            'criteria',
            'where',
            'from',
            'level',
            'year',
            'counts',
            'vote',
            'reason',
            'note',
            'code',
            'name',
            'x',
          ),
          tricky(),
          { maxKeys: 4 },
        ),
        async (cls, body) => {
          const v = await verdicts(cls, body);
          expect(v.quick).toBe(v.classValidator);
        },
      ),
      { numRuns: 3000, seed: 20261203 },
    );
  });

  it('cannot tell for an object without a constructor, and leaves it to class-validator', () => {
    const entity = plainToInstance(byName('CouncilVoteDto'), { vote: 'approve' }) as object;
    expect(quick.accepts(Object.assign(Object.create(null) as object, { vote: 'approve' }))).toBeUndefined();
    expect(quick.accepts(entity)).toBe(true);
  });

  it('leaves to the full pipe what JSON does not give: prototype keys, holes, other objects', () => {
    expect(isPlainData(JSON.parse('{"a":{"b":[1,"x",null,{"c":true}]}}'))).toBe(true);
    expect(isPlainData(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toBe(false);
    expect(isPlainData({ constructor: 'x' })).toBe(false);
    expect(isPlainData({ list: new Array<number>(3) })).toBe(false);
    expect(isPlainData({ file: Buffer.from('x') })).toBe(false);
    expect(isPlainData({ at: new Date() })).toBe(false);
    expect(isPlainData(Object.assign(Object.create(null) as object, { q: '1' }))).toBe(true);
  });

  it('lets the pipe answer a refused body with class-validator errors, and a valid one with the DTO instance', async () => {
    const pipe = validationPipe();
    const cls = byName('CouncilVoteDto');
    const accepted = await pipe.transform({ vote: 'approve' }, { type: 'body', metatype: cls });
    expect(accepted).toBeInstanceOf(cls);
    await expect(pipe.transform({ vote: 'maybe' }, { type: 'body', metatype: cls })).rejects.toMatchObject({
      response: { code: 'VALIDATION_FAILED', violations: [expect.objectContaining({ field: 'vote' })] },
    });
    // A `__proto__` key goes the full way, which strips it (Nest's guard against prototype pollution).
    const stripped = await pipe.transform(JSON.parse('{"vote":"approve","__proto__":{"x":1}}'), {
      type: 'body',
      metatype: cls,
    });
    expect(stripped).toBeInstanceOf(cls);
    expect((stripped as { x?: unknown }).x).toBeUndefined();
  });
});
