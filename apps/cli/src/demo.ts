import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TokenService, APP_CONFIG, ConfigError, type AppConfig } from '@ntm/application';
import { localDate } from '@ntm/calendar';
import { vnd } from '@ntm/recognition';
import { whileDistrictProcedureOpen } from './dev-clock';
import { demoCommune, demoEmulationBoard, demoProvince, demoUsers } from './demo-data';

const log = new Logger('Demo');

/** The fixed id of the demo dossier, so a second start finds it instead of opening another. */
export const DEMO_DOSSIER_ID = '0b9c6a52-2d11-4c1e-9a57-6a3f1e0d2025';

type Call = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
) => Promise<{ status: number; body: DemoAnswer }>;

/** The parts of the API's answers (dossier view, command outcome, error) the demo prints. */
interface DemoAnswer {
  readonly summary: { readonly statusLabel: string };
  readonly decision?: { readonly decisionNumber?: string };
  readonly events: readonly { readonly type: string }[];
  readonly version: number;
}

const caller =
  (base: string): Call =>
  async (method, path, token, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        // Re-running the demo against the same server repeats nothing.
        'idempotency-key': `demo-${createHash('sha256')
          .update(`${method} ${path} ${JSON.stringify(body ?? {})}`)
          .digest('hex')
          .slice(0, 32)}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as DemoAnswer };
  };

const uploadDemoDocument = async (base: string, token: string, name: string): Promise<string> => {
  // A minimal valid PDF whose text names the document, so each has its own hash.
  const pdf = Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${name}.pdf`);
  const res = await fetch(`${base}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  const { sha256 } = (await res.json()) as { sha256: string };
  if (sha256 !== createHash('sha256').update(pdf).digest('hex')) throw new Error('document hash mismatch');
  return sha256;
};

/**
 * Walks one dossier of xã Dương Quang from opening to the chairman's decision and announcement, over HTTP, through
 * the first of `bases`: the deployment's API processes, each of which must read the clock moved for the opening.
 */
export const walkDemoDossier = async (
  bases: readonly [string, ...string[]],
  tokens: Record<string, string>,
): Promise<void> => {
  const [base] = bases;
  const call = caller(base);
  const id = DEMO_DOSSIER_ID;
  // The documents the dossier produces name the province and district: register their names (idempotent).
  const units = await call('PUT', `/api/v1/admin/units/${demoProvince.provinceCode}`, tokens['demo-admin'], {
    name: demoProvince.name,
    districts: demoProvince.districts.map((d) => ({ code: d.districtCode, name: d.name })),
    communes: demoProvince.districts.flatMap((d) =>
      d.communes.map((c) => ({ code: c.communeCode, name: c.name, districtCode: d.districtCode })),
    ),
  });
  if (units.status !== 200) throw new Error(`units: ${units.status} ${JSON.stringify(units.body)}`);
  const existing = await call('GET', `/api/v1/dossiers/${id}`, tokens['demo-admin']);
  if (existing.status === 200) {
    log.log(`demo dossier ${id} already walked: ${existing.body.summary.statusLabel}`);
    return;
  }
  const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
  const commune = tokens['demo-commune-officer'];
  const minutes = await uploadDemoDocument(base, commune, 'Bien ban hop xa Duong Quang');
  const evidence = await uploadDemoDocument(base, commune, 'Bao cao ket qua xay dung NTM xa Duong Quang');
  const send = async (label: string, token: string, path: string, body: unknown) => {
    const res = await call('POST', `/api/v1/dossiers${path ? `/${id}${path}` : ''}`, token, body ?? {});
    if (res.status >= 300) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
    log.log(`${label}: ${res.body.events.map((e) => e.type).join(', ')} (phiên bản ${res.body.version})`);
  };
  // The commune's construction-debt ledger (RULES-2026 §4): a road accepted last year, paid off before submission.
  const ledger = async (label: string, path: string, body: object) => {
    const res = await call(
      'POST',
      `/api/v1/communes/${demoCommune.communeCode}/construction-debts${path}`,
      commune,
      {
        provinceCode: demoCommune.provinceCode,
        ...body,
      },
    );
    if (res.status >= 300) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
    const answer = res.body as unknown as { entries: { entryId: string }[]; outstanding: { total: number } };
    log.log(`${label}: còn nợ ${vnd(answer.outstanding.total)}`);
    return answer.entries[0].entryId;
  };
  const road = await ledger('Sổ nợ đọng XDCB: ghi khoản nợ', '', {
    project: 'Đường giao thông liên thôn Nà Dì - Bản Pá',
    contractor: 'Công ty TNHH Xây dựng Minh Phát',
    amount: 850_000_000,
    incurredOn: localDate(days(-300)),
    basis: 'Biên bản nghiệm thu hoàn thành công trình số 12/BB-NT',
    evidence: [evidence],
  });
  await ledger('Sổ nợ đọng XDCB: trả nợ', `/${road}/payments`, {
    amount: 850_000_000,
    paidOn: localDate(days(-60)),
    basis: 'Ủy nhiệm chi số 31/UNC của Kho bạc Nhà nước',
    evidence: [evidence],
  });
  // A 2021-2025 dossier with its district stage, so opened before 01/07/2025 (period-rules.ts), for the year it is
  // opened in; its security certificate is of that year too.
  const year = await whileDistrictProcedureOpen(bases, async (clock) => {
    const year = Number(localDate(clock.now).slice(0, 4));
    await send('Mở hồ sơ', commune, '', {
      dossierId: id,
      commune: demoCommune,
      level: 'ntm',
      procedureVersion: '2021-2025',
      year,
    });
    return year;
  });
  const steps: [string, string, string, unknown][] = [
    [
      'Tự đánh giá 19 tiêu chí',
      commune,
      '/self-assessment',
      {
        criteria: Array.from({ length: 19 }, (_, i) => ({
          criterion: i + 1,
          met: true,
          value: 'Đạt',
          evidence: [evidence],
        })),
        report: evidence,
      },
    ],
    [
      'Niêm yết công khai',
      commune,
      '/public-posting',
      { where: ['Trụ sở UBND xã', 'Nhà văn hóa thôn Nà Dì'], from: days(-20) },
    ],
    [
      'Ghi nhận góp ý',
      commune,
      '/public-posting/comments',
      {
        author: 'Thôn Nà Dì',
        content: 'Đề nghị bổ sung đèn chiếu sáng đường liên thôn',
        receivedAt: days(-18),
      },
    ],
    ['Kết thúc niêm yết', commune, '/public-posting/close', undefined],
    [
      'Kết quả lấy ý kiến sự hài lòng',
      tokens['demo-front-officer'],
      '/survey-result',
      { households: 1250, formsCollected: 1100, satisfied: 1067 },
    ],
    [
      'Họp, biểu quyết đề nghị',
      commune,
      '/commune-meeting',
      { attendees: 37, votesFor: 37, votesAgainst: 0, minutes },
    ],
    [
      'Nộp hồ sơ',
      commune,
      '/submission',
      {
        // Conditions 3 and 4 as documents (Decision 03/2024/QĐ-TTg), for the year the dossier is opened for.
        securityCertificate: {
          number: '125/QĐ-UBND',
          issuedOn: `${year}-01-15`,
          issuer: 'UBND tỉnh Bắc Kạn',
          year,
          evidence: [evidence],
        },
        debtConfirmation: {
          number: '45/TCKH',
          issuedOn: `${year}-01-15`,
          issuer: 'Phòng Tài chính - Kế hoạch thành phố Bắc Kạn',
          outstanding: 0,
          evidence: [evidence],
        },
      },
    ],
    [
      'Huyện công khai báo cáo thẩm tra',
      tokens['demo-district-officer'],
      '/district/posting',
      { report: evidence, where: ['Cổng thông tin điện tử thành phố Bắc Kạn'], from: days(-20) },
    ],
    ['Kết thúc công khai', tokens['demo-district-officer'], '/district/posting/close', undefined],
    [
      'Ban Chỉ đạo huyện bỏ phiếu',
      tokens['demo-district-officer'],
      '/district/vote',
      { counts: { members: 15, present: 15, for: 15, against: 0 }, minutes: evidence },
    ],
    [
      'Thẩm tra cấp huyện',
      tokens['demo-district-officer'],
      '/verification',
      {
        findings: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: true })),
      },
    ],
    [
      'Đăng cổng thông tin tỉnh',
      tokens['demo-province-officer'],
      '/appraisal/posting',
      { url: 'https://backan.gov.vn/', from: days(-20) },
    ],
    ['Kết thúc đăng tải', tokens['demo-province-officer'], '/appraisal/posting/close', undefined],
    ['Phiếu thành viên 1', tokens['demo-council-1'], '/appraisal/votes', { vote: 'approve' }],
    ['Phiếu thành viên 2', tokens['demo-council-2'], '/appraisal/votes', { vote: 'approve' }],
    ['Phiếu thành viên 3', tokens['demo-council-3'], '/appraisal/votes', { vote: 'approve' }],
    [
      'Kết luận thẩm định',
      tokens['demo-province-officer'],
      '/appraisal/conclusion',
      { counts: { members: 3, present: 3, for: 3, against: 0 } },
    ],
    [
      'Quyết định công nhận',
      tokens['demo-chairman'],
      '/decision',
      { decisionNumber: '2468/QĐ-UBND', decidedOn: days(0).slice(0, 10) },
    ],
    [
      'Công bố',
      tokens['demo-province-officer'],
      '/announcement',
      { announcedOn: days(0).slice(0, 10), where: 'Nhà văn hóa xã Dương Quang' },
    ],
    // This year's review after recognition (RULES-2026 §4): two criteria not kept, one of them key (income).
    [
      'Rà soát duy trì tiêu chí hằng năm',
      commune,
      '/annual-reviews',
      {
        year: Number(localDate(days(0)).slice(0, 4)),
        results: Array.from({ length: 19 }, (_, i) => ({
          criterion: i + 1,
          met: i + 1 !== 10 && i + 1 !== 13,
          note:
            i + 1 === 10
              ? 'Thu nhập bình quân đầu người năm nay thấp hơn mức chuẩn do thiên tai'
              : i + 1 === 13
                ? 'Hợp tác xã nông nghiệp của xã ngừng hoạt động'
                : undefined,
        })),
      },
    ],
  ];
  for (const [label, token, path, body] of steps) await send(label, token, path, body);
  // Debt after recognition, the complaint RULES-2026 §4 answers: the province's list shows the commune owing.
  await ledger('Sổ nợ đọng XDCB: nợ phát sinh sau công nhận', '', {
    project: 'Nhà văn hóa thôn Nà Dì',
    contractor: 'Hợp tác xã Xây dựng Dương Quang',
    amount: 320_000_000,
    incurredOn: localDate(days(0)),
    basis: 'Biên bản nghiệm thu số 27/BB-NT',
    evidence: [evidence],
  });
  const final = await call('GET', `/api/v1/dossiers/${id}`, tokens['demo-admin']);
  log.log(
    `${demoCommune.name}: ${final.body.summary.statusLabel}, quyết định ${final.body.decision?.decisionNumber}`,
  );
};

/** The demo mints tokens for every role and writes a fake decision: never against a production system. */
export class DemoRefusedError extends ConfigError {
  constructor() {
    super([
      'The demo is refused in production (NODE_ENV=production): it would mint tokens for every role and write a ' +
        'demo dossier into the store. Start without --demo (npm run start:main, or the api and worker entries).',
    ]);
    this.name = 'DemoRefusedError';
  }
}

/** Refuses the demo in production; otherwise does nothing. */
export const refuseDemoInProduction = (config: Pick<AppConfig, 'production'>): void => {
  if (config.production) throw new DemoRefusedError();
};

/** Whether the command line asks for the demo (`--demo`); in production asking is refused (DemoRefusedError). */
export const demoRequested = (argv: readonly string[], config: Pick<AppConfig, 'production'>): boolean => {
  if (!argv.includes('--demo')) return false;
  refuseDemoInProduction(config);
  return true;
};

/** Prints a token per demo user and walks the demo dossier. Development only: refused in production. */
export const seedDemo = async (app: INestApplication, base: string): Promise<void> => {
  const config = app.get<AppConfig>(APP_CONFIG);
  refuseDemoInProduction(config);
  const tokens = new TokenService(config.jwtSecret, config.tokenMaxTtlSeconds);
  const minted: Record<string, string> = {};
  for (const user of demoUsers) minted[user.sub] = await tokens.mint(user, config.tokenMaxTtlSeconds);
  log.log('Demo users (Authorization: Bearer <token>):');
  for (const user of demoUsers) log.log(`  ${user.role.padEnd(17)} ${user.name}\n    ${minted[user.sub]}`);
  await walkDemoDossier([base], minted);
  await appointDemoBoard(base, minted);
};

/**
 * The chairman appoints the province's Emulation and Commendation Council, so that its secretary and members
 * (`emulation-board`, `emulation-member-1`, `emulation-member-2`) find it when they sign in.
 */
export const appointDemoBoard = async (base: string, tokens: Record<string, string>): Promise<void> => {
  const board = await caller(base)(
    'POST',
    `/api/v1/emulation/provinces/${demoProvince.provinceCode}/board`,
    tokens['demo-chairman'],
    demoEmulationBoard,
  );
  if (board.status >= 300)
    throw new Error(`Hội đồng Thi đua - Khen thưởng: ${board.status} ${JSON.stringify(board.body)}`);
  log.log(`Hội đồng Thi đua - Khen thưởng: ${board.body.events.map((e) => e.type).join(', ')}`);
};
