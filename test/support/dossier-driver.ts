import { createHash } from 'node:crypto';
import { testSet2026 } from '@ntm/criteria';
import type { Role } from '@ntm/decider';
import { localDate } from '@ntm/calendar';
import { openingClosedProblem, type ProcedureVersion } from '@ntm/recognition';
import { DISTRICT_PROCEDURE_DAY } from '../../apps/cli/src/dev-clock';
import type { TestApp } from './harness';

export interface Place {
  readonly provinceCode: string;
  readonly districtCode: string;
  readonly communeCode: string;
  readonly name: string;
}

/** Xã Nông Thượng, thành phố Bắc Kạn (shared/domain/articles/bac-kan-city-plan-2021-2025.txt). */
export const nongThuong: Place = {
  provinceCode: '06',
  districtCode: '058',
  communeCode: '01843',
  name: 'xã Nông Thượng',
};
export const duongQuang: Place = {
  provinceCode: '06',
  districtCode: '058',
  communeCode: '01840',
  name: 'xã Dương Quang',
};

/**
 * A 2026-2030 NTM dossier of 2026 for `commune` (a commune of Bắc Kạn, registered), opened by `officer` under the
 * TEST criteria set the administrator loads, once the province has put the commune in group 3 (Decision
 * 51/2025/QĐ-TTg): the dossier's id and the set.
 */
export const openDossier2026 = async (
  t: TestApp,
  tokens: { readonly admin: string; readonly officer: string },
  commune: { readonly provinceCode: string; readonly communeCode: string; readonly name: string },
): Promise<{ dossierId: string; set: ReturnType<typeof testSet2026> }> => {
  const send = async (path: string, token: string, body: object) => {
    const res = await t.http.post(path).set('authorization', `Bearer ${token}`).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { dossierId: string };
  };
  await send(
    `/api/v1/communes/${commune.communeCode}/group`,
    await t.token('province_officer', { provinceCode: '06' }),
    {
      provinceCode: '06',
      group: 'nhom-3',
      basis: 'Quyết định 245/QĐ-UBND ngày 20/02/2026 của UBND tỉnh về phân nhóm xã',
      decidedOn: '2026-02-20',
    },
  );
  const set = testSet2026('06');
  await send('/api/v1/criteria-sets', tokens.admin, set);
  const opened = await send('/api/v1/dossiers', tokens.officer, {
    commune,
    level: 'ntm',
    procedureVersion: '2026-2030',
    year: 2026,
    criteriaSetId: set.id,
  });
  return { dossierId: opened.dossierId, set };
};

/** Sample evidence document n: a tiny PDF whose text names it. */
export const evidencePdf = (n: number): Buffer =>
  Buffer.from(`%PDF-1.4\n% Tài liệu minh chứng số ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
export const SAMPLE_DOCUMENTS = 120;
/** SHA-256 of sample evidence document n (uploaded by tokensFor). */
export const sha = (n: number): string => createHash('sha256').update(evidencePdf(n)).digest('hex');
export const allCriteria = (met: (n: number) => boolean = () => true) =>
  Array.from({ length: 19 }, (_, i) => ({
    criterion: i + 1,
    met: met(i + 1),
    value: met(i + 1) ? 'Đạt' : 'Chưa đạt',
    evidence: [sha(i + 1)],
  }));
export const findings = (met: (n: number) => boolean = () => true) =>
  Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: met(i + 1) }));

/**
 * Conditions 3 and 4 as documents (Decision 03/2024/QĐ-TTg): the "An toàn về an ninh, trật tự" certificate for 2025,
 * the year every driven dossier is opened for, and the finance office's confirmation (no debt unless told).
 */
// Issued early in the dossier's year: the tests' clocks stand later in that year, and a paper dated after "now" is refused.
export const submissionEvidence = (o: { debtOutstanding?: number; certificateYear?: number } = {}) => ({
  securityCertificate: {
    number: '125/QĐ-UBND',
    issuedOn: `${o.certificateYear ?? 2025}-01-15`,
    issuer: 'UBND tỉnh Bắc Kạn',
    year: o.certificateYear ?? 2025,
    evidence: [sha(50)],
  },
  debtConfirmation: {
    number: '45/TCKH',
    issuedOn: `${o.certificateYear ?? 2025}-01-20`,
    issuer: 'Phòng Tài chính - Kế hoạch thành phố Bắc Kạn',
    outstanding: o.debtOutstanding ?? 0,
    evidence: [sha(51)],
  },
});

/**
 * Uploads sample evidence documents (all by default) as the token's holder: a commune may cite only what it can read, so
 * each commune that cites them uploads them (the bytes are stored once).
 */
export const uploadSamples = async (
  t: TestApp,
  token: string,
  numbers: readonly number[] = Array.from({ length: SAMPLE_DOCUMENTS }, (_, i) => i + 1),
) => {
  for (const n of numbers) {
    const res = await t.http
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${token}`)
      .attach('file', evidencePdf(n), `minh-chung-${n}.pdf`);
    if (res.status !== 201)
      throw new Error(`upload of sample document ${n}: ${res.status} ${JSON.stringify(res.body)}`);
  }
};

/** The chairman's name in his sign-in (the other tokens carry none): what the dossier's history shows of him. */
export const CHAIRMAN_NAME = 'Phạm Văn Hòa';

/**
 * Tokens for every role, bound to one commune, its district, its province; also uploads the sample
 * evidence documents that sha(1..SAMPLE_DOCUMENTS) cite, since commands may cite only stored documents.
 */
export const tokensFor = async (
  t: TestApp,
  place: Place,
  /** The sample documents to upload (all by default). */
  samples?: readonly number[],
) => {
  const at = {
    provinceCode: place.provinceCode,
    districtCode: place.districtCode,
    communeCode: place.communeCode,
  };
  const province = { provinceCode: place.provinceCode };
  const mint = (role: Role, claims: object) => t.token(role, claims);
  await uploadSamples(t, await mint('commune_officer', at), samples);
  return {
    commune: await mint('commune_officer', at),
    front: await mint('front_officer', at),
    district: await mint('district_officer', { ...province, districtCode: place.districtCode }),
    province: await mint('province_officer', province),
    council: [
      await mint('council_member', province),
      await mint('council_member', province),
      await mint('council_member', province),
    ],
    chairman: await mint('chairman', { ...province, name: CHAIRMAN_NAME }),
    admin: await mint('admin', {}),
  };
};
export type Tokens = Awaited<ReturnType<typeof tokensFor>>;

/**
 * Runs `open` (the opening of a dossier under `procedureVersion`) on a day the procedure still takes new dossiers,
 * then puts the app's clock back: a 2021-2025 dossier is one opened before 15/02/2026 (with its district stage,
 * before 01/07/2025) that continues under its own rules (period-rules.ts). Leaves the clock alone when the
 * procedure is open on the app's day.
 */
export const openWhilePeriodOpen = <T>(
  t: TestApp,
  procedureVersion: ProcedureVersion,
  open: () => Promise<T>,
): Promise<T> =>
  openingClosedProblem(procedureVersion, localDate(t.now().toISOString()))
    ? t.during(DISTRICT_PROCEDURE_DAY, open)
    : open();

/**
 * The 2021-2025 procedure a commune officer would open on the app's day: the one with its district stage, or the
 * two-tier one once the district level has ended (period-rules.ts).
 */
const procedureOfTheDay = (t: TestApp): ProcedureVersion =>
  openingClosedProblem('2021-2025', localDate(t.now().toISOString()))?.code === 'PROCEDURE_CLOSED'
    ? '2025-two-tier'
    : '2021-2025';

/** Sends dossier commands over HTTP and expects them to succeed unless told otherwise. */
export class DossierDriver {
  private procedureVersion: ProcedureVersion = '2021-2025';

  constructor(
    private readonly t: TestApp,
    readonly tokens: Tokens,
    readonly place: Place,
    public id = '',
  ) {}

  /** An instant n days before the app's clock (tests may set the clock into the past). */
  daysAgo(n: number): string {
    return new Date(this.t.now().getTime() - n * 86_400_000).toISOString();
  }

  async send(path: string, token: string, body: object = {}, headers: Record<string, string> = {}) {
    let req = this.t.http
      .post(`/api/v1/dossiers${path ? `/${this.id}/${path}` : ''}`)
      .set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body);
  }

  async ok(path: string, token: string, body: object = {}, headers: Record<string, string> = {}) {
    const res = await this.send(path, token, body, headers);
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${path || 'open'}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async get(query = '') {
    const res = await this.t.http
      .get(`/api/v1/dossiers/${this.id}${query}`)
      .set('authorization', `Bearer ${this.tokens.admin}`);
    if (res.status !== 200) throw new Error(`get: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /**
   * Opens a dossier of 2025 (a 2021-2025 one by default: with its district stage, or under the two-tier procedure
   * when the app's day is after the district level ended and before the period closed, as an officer would).
   */
  async open(level = 'ntm', procedureVersion: ProcedureVersion = procedureOfTheDay(this.t)) {
    const body = await openWhilePeriodOpen(this.t, procedureVersion, () =>
      this.ok('', this.tokens.commune, { commune: this.place, level, procedureVersion, year: 2025 }),
    );
    this.id = body.dossierId;
    this.procedureVersion = procedureVersion;
    return body;
  }

  /** Everything the commune does before submitting. */
  async prepare(options: { met?: (n: number) => boolean; satisfied?: number } = {}) {
    await this.ok('self-assessment', this.tokens.commune, { criteria: allCriteria(options.met) });
    await this.ok('public-posting', this.tokens.commune, {
      where: ['Trụ sở UBND xã'],
      from: this.daysAgo(30),
    });
    await this.ok('public-posting/comments', this.tokens.commune, {
      author: 'Thôn Nà Dì',
      content: 'Nhất trí',
      receivedAt: this.daysAgo(25),
    });
    await this.ok('public-posting/close', this.tokens.commune);
    await this.ok('survey-result', this.tokens.front, {
      households: 1000,
      formsCollected: 800,
      satisfied: options.satisfied ?? 780,
    });
    await this.ok('commune-meeting', this.tokens.commune, {
      attendees: 37,
      votesFor: 37,
      votesAgainst: 0,
      minutes: sha(99),
    });
  }

  /** The certificate is for the dossier's own year ("for the year", Decision 03/2024/QĐ-TTg). */
  async submit(extra: object = {}) {
    const { year } = await this.get();
    return this.ok('submission', this.tokens.commune, {
      ...submissionEvidence({ certificateYear: year }),
      ...extra,
    });
  }

  /** 2021-2025: the district posts its verification report, closes the posting and its steering board votes. */
  async districtStage(votesFor = 14) {
    await this.ok('district/posting', this.tokens.district, {
      report: sha(52),
      where: ['Cổng thông tin điện tử thành phố Bắc Kạn'],
      from: this.daysAgo(30),
    });
    await this.ok('district/posting/close', this.tokens.district);
    return this.ok('district/vote', this.tokens.district, {
      counts: { members: 15, present: 14, for: votesFor, against: 14 - votesFor },
      minutes: sha(53),
    });
  }

  /** 2021-2025: the district's stage and verification; under the two-tier procedure, the province's verification. */
  async verify(met?: (n: number) => boolean) {
    if (this.procedureVersion === '2025-two-tier')
      return this.ok('verification', this.tokens.province, { findings: findings(met) });
    await this.districtStage();
    return this.ok('verification', this.tokens.district, { findings: findings(met) });
  }

  /** 2026-2030, two-tier: the province verifies the 10 criteria of Decision 51/2025/QĐ-TTg, every one met. */
  async verifyByProvince2026() {
    return this.ok('verification', this.tokens.province, {
      findings: Array.from({ length: 10 }, (_, i) => ({ criterion: i + 1, met: true })),
    });
  }

  async appraise(options: { for?: number; findings?: (n: number) => boolean } = {}) {
    await this.ok('appraisal/posting', this.tokens.province, { from: this.daysAgo(30) });
    await this.ok('appraisal/posting/close', this.tokens.province);
    for (const member of this.tokens.council) await this.ok('appraisal/votes', member, { vote: 'approve' });
    const votesFor = options.for ?? 3;
    return this.ok('appraisal/conclusion', this.tokens.province, {
      counts: { members: 3, present: 3, for: votesFor, against: 3 - votesFor },
      ...(options.findings ? { findings: findings(options.findings) } : {}),
    });
  }

  /** The whole procedure of a 2021-2025 dossier, to the chairman's decision and its announcement the same day. */
  async recognise(decisionNumber: string, decidedOn = '2025-12-15', level = 'ntm') {
    await this.open(level);
    await this.prepare();
    await this.submit();
    await this.verify();
    await this.appraise();
    await this.ok('decision', this.tokens.chairman, { decisionNumber, decidedOn });
    return this.ok('announcement', this.tokens.province, { announcedOn: decidedOn, where: 'Nhà văn hóa xã' });
  }
}
