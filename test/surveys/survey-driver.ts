import type { Response } from 'supertest';
import type { TestApp } from '../support/harness';
import { DossierDriver, nongThuong, tokensFor, type Place, type Tokens } from '../support/dossier-driver';

/** For tests that send many ballots from one address on purpose (the limits are tested on their own). */
export const NO_RATE_LIMITS = {
  ballots: { limit: 1_000_000, ttlSeconds: 60 },
  signIn: { limit: 1_000_000, ttlSeconds: 60 },
};

/** Villages of xã Nông Thượng used as test data (Nà Dì is named in articles/bac-kan-city-plan-2021-2025.txt). */
export const VILLAGES = [
  'Thôn Nà Dì',
  'Thôn Nà Rẻo',
  'Thôn Khuổi Chang',
  'Thôn Phặc Tràng',
  'Thôn Tổng Nẻng',
];

/** A short form: the overall question and three criteria, so a 250-form batch stays a small request. */
export const QUESTIONS = {
  overall: { id: 'overall', text: 'Ông/bà có hài lòng với kết quả xây dựng nông thôn mới của xã không?' },
  criteria: [
    { id: 'c2', criterion: 2, text: 'Giao thông' },
    { id: 'c10', criterion: 10, text: 'Thu nhập' },
    { id: 'c17', criterion: 17, text: 'Môi trường và an toàn thực phẩm' },
  ],
};
export const QUESTION_IDS = ['overall', 'c2', 'c10', 'c17'] as const;

export type Answer = 'satisfied' | 'not-satisfied' | 'no-answer';
export type Answers = Record<string, Answer>;

/** Household n of the commune: its printed code and its village (a thousand households a village). */
export const household = (n: number) => ({
  code: `NT-${String(n).padStart(5, '0')}`,
  village: VILLAGES[Math.floor(n / 1000) % VILLAGES.length],
});

export const registerCsv = (households: number): string =>
  [
    'Mã hộ,Thôn',
    ...Array.from({ length: households }, (_, i) => `${household(i).code},${household(i).village}`),
  ].join('\n');

/** Deterministic answers of household n: about 92% satisfied overall, some no-answers on the criteria. */
export const answersOf = (n: number): Answers => ({
  overall: n % 13 === 0 ? 'not-satisfied' : 'satisfied',
  c2: n % 7 === 0 ? 'not-satisfied' : 'satisfied',
  c10: n % 11 === 0 ? 'no-answer' : n % 5 === 0 ? 'not-satisfied' : 'satisfied',
  c17: n % 17 === 0 ? 'no-answer' : 'satisfied',
});

export interface Counts {
  satisfied: number;
  notSatisfied: number;
  noAnswer: number;
}

/** The tally the test expects, computed from the households it knows voted. */
export const expectedCounts = (voters: Iterable<number>): Record<string, Counts> => {
  const counts = Object.fromEntries(
    QUESTION_IDS.map((q) => [q, { satisfied: 0, notSatisfied: 0, noAnswer: 0 }]),
  );
  for (const n of voters) {
    for (const [q, a] of Object.entries(answersOf(n))) {
      counts[q][a === 'satisfied' ? 'satisfied' : a === 'not-satisfied' ? 'notSatisfied' : 'noAnswer'] += 1;
    }
  }
  return counts;
};

const expectOk = (res: Response, what: string) => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** A dossier at the survey step and its surveys, driven over HTTP. */
export class SurveyDriver {
  surveyId = '';

  private constructor(
    readonly t: TestApp,
    readonly tokens: Tokens,
    readonly dossier: DossierDriver,
    /** Two more Front officers of the commune, for double entry. */
    readonly fronts: readonly string[],
  ) {}

  static async start(t: TestApp, place: Place = nongThuong): Promise<SurveyDriver> {
    const tokens = await tokensFor(t, place);
    const at = {
      provinceCode: place.provinceCode,
      districtCode: place.districtCode,
      communeCode: place.communeCode,
    };
    const fronts = [tokens.front, await t.token('front_officer', at), await t.token('front_officer', at)];
    const dossier = new DossierDriver(t, tokens, place);
    await dossier.open();
    return new SurveyDriver(t, tokens, dossier, fronts);
  }

  post(path: string, token: string | null, body: object | string = {}) {
    const req = this.t.http.post(path);
    return token ? req.set('authorization', `Bearer ${token}`).send(body) : req.send(body);
  }

  open(
    body: object = { questions: QUESTIONS, period: { closesAt: '2025-03-24T00:00:00.000Z' } },
    token = this.tokens.front,
  ) {
    return this.post(`/api/v1/dossiers/${this.dossier.id}/surveys`, token, body);
  }

  async opened(body?: object): Promise<string> {
    this.surveyId = expectOk(await this.open(body), 'open survey').surveyId;
    return this.surveyId;
  }

  register(csv: string, token = this.tokens.front) {
    return this.t.http
      .post(`/api/v1/surveys/${this.surveyId}/register`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'text/csv; charset=utf-8')
      .send(csv);
  }

  async registered(households: number) {
    return expectOk(await this.register(registerCsv(households)), 'register');
  }

  /** An online ballot; without a token it comes from the public ballot page. */
  ballot(n: number, token: string | null = null, answers: object = answersOf(n)) {
    return this.post(`/api/v1/surveys/${this.surveyId}/ballots`, token, {
      household: household(n).code,
      answers,
    });
  }

  batch(batchId: string, village: string, members: readonly number[], token: string) {
    const forms = members.map((n) => ({ household: household(n).code, answers: answersOf(n) }));
    return this.post(`/api/v1/surveys/${this.surveyId}/paper-batches`, token, {
      batchId,
      village,
      input: { mode: 'forms', forms },
    });
  }

  close(token = this.tokens.front, body: object = {}) {
    return this.post(`/api/v1/surveys/${this.surveyId}/close`, token, body);
  }

  async view() {
    return expectOk(
      await this.t.http
        .get(`/api/v1/surveys/${this.surveyId}`)
        .set('authorization', `Bearer ${this.tokens.admin}`),
      'get survey',
    );
  }
}
