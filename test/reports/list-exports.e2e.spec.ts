import type { PostgresEventStore } from '@ntm/event-store';
import { EVENT_STORE } from '@ntm/application';
import { appendHistory } from '../../libs/read-models/src/testing/history';
import { startTestApp, type TestApp } from '../support/harness';
import { registerBacKan } from '../support/units';
import { binary, readTable } from '../support/xlsx';
import { bacKan, catchUpProjections, twoBacKanDossiers } from './support';

interface BoardRow {
  code: string | null;
  dossierId: string;
  communeName: string;
  statusLabel: string;
  stepLabel: string | null;
  dueAt: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
}

/** Vietnam's day of an instant or a date, as the workbook holds it: midnight UTC of that day. */
const day = (iso: string | null): Date | null =>
  iso === null
    ? null
    : new Date(
        `${/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`,
      );

describe('list exports (Tải Excel): the list route’s rows under a title block', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const download = (path: string, token: string) =>
    t.http.get(path).set(auth(token)).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp('rm_list_exports', { worker: false });
    // 18:30 UTC is already 1 December in Vietnam: the title prints Vietnam's date.
    t.clock.set('2026-11-30T18:30:00.000Z');
    tokens = {
      admin: await t.token('admin'),
      otherProvince: await t.token('province_officer', { provinceCode: '24' }),
      district: await t.token('district_officer', { provinceCode: '06', districtCode: '058' }),
      commune: await t.token('commune_officer', { ...bacKan, communeCode: '01843' }),
    };
    await registerBacKan(t, tokens.admin);
    await appendHistory(t.app.get<PostgresEventStore>(EVENT_STORE), twoBacKanDossiers());
    await catchUpProjections(t.app, t.config.schema);
  });
  afterAll(() => t.close());

  /** The board's export columns that a person checks against the screen. */
  const boardColumns = (header: string[], rows: unknown[][]) =>
    rows.map((r) =>
      [
        'Mã hồ sơ',
        'Mã định danh hồ sơ',
        'Tên xã',
        'Trạng thái',
        'Bước hiện tại',
        'Hạn xử lý',
        'Số quyết định',
        'Ngày quyết định',
      ].map((h) => r[header.indexOf(h)] ?? null),
    );
  const fromJson = (items: BoardRow[]) =>
    items.map((i) => [
      i.code,
      i.dossierId,
      i.communeName,
      i.statusLabel,
      i.stepLabel,
      day(i.dueAt),
      i.decisionNumber,
      day(i.decidedOn),
    ]);

  it('Hồ sơ của xã: the commune’s board as XLSX, the same rows as GET /board', async () => {
    const json = await t.http.get('/api/v1/board').set(auth(tokens.commune));
    expect(json.status).toBe(200);
    const file = await download('/api/v1/board.xlsx', tokens.commune);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toBe('attachment; filename="bang-theo-doi-ho-so.xlsx"');
    const table = await readTable(file.body);
    expect(table.title).toEqual([
      'Tỉnh Bắc Kạn',
      'Bảng theo dõi hồ sơ',
      'Ngày xuất: 01/12/2026',
      'Điều kiện lọc: Huyện: Thành phố Bắc Kạn; Xã: xã Nông Thượng',
    ]);
    expect(json.body.data.items).toHaveLength(1);
    expect(boardColumns(table.header, table.rows)).toEqual(fromJson(json.body.data.items));
    // Four title lines and a blank one above the frozen header; dates are real dates shown dd/mm/yyyy.
    expect([table.headerRow, table.sheet.views[0].state]).toEqual([6, 'frozen']);
    const dateCell = table.sheet.getRow(7).getCell(table.header.indexOf('Ngày quyết định') + 1);
    expect([dateCell.value, dateCell.numFmt]).toEqual([new Date('2024-07-01T00:00:00Z'), 'dd/mm/yyyy']);
    expect(table.sheet.autoFilter).toBe(`A6:R7`);
  });

  it('Việc chờ tôi: what waits for the district, with the screen’s filters, as GET /board/waiting', async () => {
    const query = '?year=2025&level=ntm';
    const json = await t.http.get(`/api/v1/board/waiting${query}`).set(auth(tokens.district));
    expect(json.status).toBe(200);
    expect(json.body.data.items).toEqual([expect.objectContaining({ communeName: 'xã Dương Quang' })]);
    const file = await download(`/api/v1/board/waiting.xlsx${query}`, tokens.district);
    expect(file.status).toBe(200);
    const table = await readTable(file.body);
    expect(table.title).toEqual([
      'Tỉnh Bắc Kạn',
      'Hồ sơ đang chờ xử lý',
      'Ngày xuất: 01/12/2026',
      'Điều kiện lọc: Việc chờ: cán bộ UBND huyện; Huyện: Thành phố Bắc Kạn; Năm: 2025; Mức đạt chuẩn: nông thôn mới',
    ]);
    expect(boardColumns(table.header, table.rows)).toEqual(fromJson(json.body.data.items));
    // A filter that leaves nothing leaves nothing in the file either.
    const none = await download('/api/v1/board/waiting.xlsx?year=2024', tokens.district);
    expect((await readTable(none.body)).rows).toEqual([]);
  });

  it('Thông báo: the inbox as XLSX, the same notices as GET /notifications', async () => {
    const json = await t.http.get('/api/v1/notifications?limit=100').set(auth(tokens.district));
    expect(json.status).toBe(200);
    expect(json.body.items.length).toBeGreaterThan(0);
    const file = await download('/api/v1/notifications.xlsx?limit=100', tokens.district);
    expect(file.status).toBe(200);
    const table = await readTable(file.body);
    expect(table.title.slice(0, 2)).toEqual(['Tỉnh Bắc Kạn', 'Thông báo']);
    const col = (h: string) => table.rows.map((r) => r[table.header.indexOf(h)]);
    expect(col('Tiêu đề')).toEqual(json.body.items.map((n: { title: string }) => n.title));
    expect(col('Mã hồ sơ')).toEqual(json.body.items.map((n: { dossierId: string }) => n.dossierId));
    expect(col('Ngày thông báo')).toEqual(
      json.body.items.map((n: { createdAt: string }) => day(n.createdAt)),
    );
  });

  it('refuses an export exactly as its list route refuses', async () => {
    for (const path of ['/api/v1/board', '/api/v1/board/waiting']) {
      const list = await t.http.get(`${path}?province=06`).set(auth(tokens.otherProvince));
      const file = await t.http.get(`${path}.xlsx?province=06`).set(auth(tokens.otherProvince));
      expect([path, file.status, file.body.code]).toEqual([path, list.status, list.body.code]);
      expect(file.status).toBe(403);
      expect((await t.http.get(`${path}.xlsx`)).status).toBe(401);
    }
    expect((await t.http.get('/api/v1/notifications.xlsx')).status).toBe(401);
    const tooMany = await t.http.get('/api/v1/notifications.xlsx?limit=201').set(auth(tokens.district));
    expect(tooMany.status).toBe(400);
    const format = await t.http.get('/api/v1/board/waiting.pdf').set(auth(tokens.district));
    expect([format.status, format.body.code]).toEqual([400, 'UNKNOWN_FORMAT']);
  });
});
