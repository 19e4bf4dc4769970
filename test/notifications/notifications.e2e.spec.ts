import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '@ntm/application';
import type { EventStore } from '@ntm/event-store';
import { deliver } from '@ntm/read-models';
import { dossierStreamId, reminderJobId } from '@ntm/recognition';
import type { Job } from 'bullmq';
import { DeadlineProcessor } from '../../apps/worker/src/deadlines';
import { DueTimers, type ReminderJob } from '../../apps/worker/src/timers/due-timers';
import {
  NotificationMailManager,
  SentMails,
} from '../../apps/worker/src/notifications/notification-mail.manager';
import { readMailDirectory } from '../../apps/worker/src/notifications/mail-directory';
import { startTestApp, type TestApp } from '../support/harness';
import {
  DossierDriver,
  nongThuong,
  submissionEvidence,
  tokensFor,
  type Tokens,
} from '../support/dossier-driver';
import { eventually } from '../support/eventually';

const DAY_MS = 86_400_000;

/** A real SMTP server in this process: every message it accepts, parsed. */
const startSmtp = async () => {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

const to = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a?.value.map((v) => v.address));

describe('Notifications: the inbox, its live stream and the mail', () => {
  let t: TestApp;
  let tokens: Tokens;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let base: string;
  let directoryFile: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    directoryFile = join(mkdtempSync(join(tmpdir(), 'ntm-mail-')), 'danh-ba.json');
    writeFileSync(
      directoryFile,
      JSON.stringify([
        {
          ...nongThuong,
          email: 'xa.nongthuong@example.test',
          name: 'Ma Thị Huyền',
          role: 'commune_officer',
        },
        // Another commune's officer: never mailed about xã Nông Thượng.
        {
          email: 'xa.duongquang@example.test',
          role: 'commune_officer',
          provinceCode: '06',
          communeCode: '01840',
        },
        {
          email: 'phong.kinhte@example.test',
          role: 'district_officer',
          provinceCode: '06',
          districtCode: '058',
        },
      ]),
    );
    t = await startTestApp('notifications', {
      realClock: true,
      config: {
        timerReconcileMs: 300,
        mail: { smtpUrl: smtp.url, from: 'NTM Bắc Kạn <ntm@example.test>', directoryFile },
        publicUrl: 'https://ntm.example.test',
      },
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    tokens = await tokensFor(t, nongThuong);
  });

  afterAll(async () => {
    await t?.http.post('/api/v1/dev/clock').send({ reset: true });
    // Hangs (and fails the hook) if an open live stream kept the HTTP server from closing.
    await t?.close();
    await smtp?.close();
  });

  const inbox = async (token: string, query = '') => {
    const res = await t.http.get(`/api/v1/notifications${query}`).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body as {
      total: number;
      unread: number;
      items: { id: string; title: string; body: string; read: boolean; kind: string }[];
    };
  };

  /** Reads the server-sent events of the live stream as they come. */
  const openStream = async (token: string) => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/notifications/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events: { unread: number; latest: { title: string } | null }[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (data) events.push(JSON.parse(data.slice(5)));
        }
      }
    })();
    return { events, close: () => controller.abort() };
  };

  it('tells each role what waits for it, live and by mail, in Vietnamese; marks read; mails once', async () => {
    const stream = await openStream(tokens.district);
    await eventually(async () => stream.events.length > 0, 'the stream to send the first count');
    expect(stream.events[0].unread).toBe(0);

    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();

    // The commune's preparation step opened: the commune's inbox and mail.
    const opened = await eventually(async () => (await inbox(tokens.commune)).items[0], 'the commune notice');
    expect(opened.title).toBe('Việc mới: Xã tự đánh giá, lấy ý kiến và hoàn thiện hồ sơ');
    expect(opened.body).toContain('Hồ sơ xã Nông Thượng');
    const first = await eventually(async () => smtp.received[0], 'the first mail');
    expect(to(first)).toEqual(['xa.nongthuong@example.test']);
    expect(first.subject).toBe(
      '[Nông thôn mới] Việc mới: Xã tự đánh giá, lấy ý kiến và hoàn thiện hồ sơ: xã Nông Thượng',
    );
    expect(first.text).toContain('Kính gửi Ma Thị Huyền,');
    expect(first.text).toContain(`Xem hồ sơ: https://ntm.example.test/ho-so/${d.id}`);

    // Submitted: the district's step opens; its live stream says so without a reload.
    await d.prepare();
    await d.submit();
    const live = await eventually(
      async () => stream.events.find((e) => e.unread === 1),
      'the live count to reach the district',
    );
    expect(live.latest?.title).toBe('Việc mới: Huyện thẩm tra hồ sơ');
    const districtMail = await eventually(
      async () => smtp.received.find((m) => to(m).includes('phong.kinhte@example.test')),
      'the district mail',
    );
    expect(districtMail.text).toMatch(/chờ xử lý bước «Huyện thẩm tra hồ sơ», hạn \d{2}\/\d{2}\/\d{4}\./);

    // A return with two reasons: the commune is told, by mail too.
    await d.ok('return', tokens.district, {
      reasons: [
        { criterion: 2, text: 'Thiếu biên bản nghiệm thu đường trục thôn' },
        { criterion: 17, text: 'Thiếu kết quả quan trắc nước thải' },
      ],
    });
    const returned = await eventually(
      async () => smtp.received.find((m) => m.subject?.includes('Hồ sơ bị trả lại')),
      'the return mail',
    );
    expect(to(returned)).toEqual(['xa.nongthuong@example.test']);
    expect(returned.subject).toBe('[Nông thôn mới] Hồ sơ bị trả lại để bổ sung: xã Nông Thượng');
    expect(returned.text).toContain('bị trả lại ở bước «Huyện thẩm tra hồ sơ» với 2 lý do');
    const communeInbox = await inbox(tokens.commune);
    expect(communeInbox.items.map((i) => i.kind)).toEqual(['returned', 'step-opened']);
    expect(communeInbox.unread).toBe(2);

    // Another commune's officer sees none of it; nor the province (no notice to its role yet).
    const other = await t.token('commune_officer', {
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01840',
    });
    expect((await inbox(other)).total).toBe(0);

    // Mark one read, then all; bounded input.
    const mark = await t.http
      .post('/api/v1/notifications/read')
      .set('authorization', `Bearer ${tokens.commune}`)
      .send({ ids: [communeInbox.items[0].id, 'khong-co'] });
    expect(mark.status).toBe(200);
    expect(mark.body).toEqual({ marked: 1, unread: 1 });
    expect((await inbox(tokens.commune, '?unread=true')).items.map((i) => i.kind)).toEqual(['step-opened']);
    // Someone else's mark does not read the commune's notice: another user of the same role and commune.
    const colleague = await t.token('commune_officer', { ...nongThuong });
    expect((await inbox(colleague)).unread).toBe(2);
    const tooMany = await t.http
      .post('/api/v1/notifications/read')
      .set('authorization', `Bearer ${tokens.commune}`)
      .send({ ids: Array.from({ length: 201 }, (_, i) => `x${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('VALIDATION_FAILED');
    expect(tooMany.body.message).toContain('ids');
    expect((await inbox(tokens.commune)).unread).toBe(1);
    const all = await t.http
      .post('/api/v1/notifications/read')
      .set('authorization', `Bearer ${tokens.commune}`)
      .send({ all: true });
    expect(all.body).toEqual({ marked: 1, unread: 0 });
    expect((await t.http.get('/api/v1/notifications')).status).toBe(401);
    expect((await fetch(`${base}/api/v1/notifications/stream`)).status).toBe(401);

    // Resubmitted, then the district's step runs past its due date on the moved clock: overdue, by mail.
    await d.ok('resubmission', tokens.commune, {
      changes: 'Đã bổ sung biên bản nghiệm thu và kết quả quan trắc',
      ...submissionEvidence(),
    });
    const step = (await d.get()).current;
    expect(step.step).toBe('district-verification');
    const days = Math.ceil((Date.parse(step.dueAt) - Date.now()) / DAY_MS) + 1;
    expect((await t.http.post('/api/v1/dev/clock').send({ advanceDays: days })).status).toBe(201);
    const overdue = await eventually(
      async () => smtp.received.find((m) => m.subject?.includes('Quá hạn')),
      'the overdue mail',
      30_000,
    );
    expect(to(overdue)).toEqual(['phong.kinhte@example.test']);
    expect(overdue.text).toContain('đã quá hạn bước «Huyện thẩm tra hồ sơ»');
    stream.close();

    // Exactly once: the whole history delivered again by a second manager sends nothing new.
    const count = smtp.received.length;
    expect(count).toBe(4 + 1); // preparation, district, return, district again (resubmission), overdue
    const store = t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(`dossier-${d.id}`);
    const again = new NotificationMailManager(
      store,
      createTransport(smtp.url),
      readMailDirectory(directoryFile),
      new SentMails(t.app.get(DataSource)),
      { from: 'x@example.test', publicUrl: 'https://ntm.example.test' },
    );
    await deliver(again, events);
    expect(smtp.received.length).toBe(count);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(count);

    // A stream still open when the app stops: it ends, so the shutdown does not wait for the browser.
    const lingering = await openStream(tokens.commune);
    await eventually(async () => lingering.events.length > 0, 'the lingering stream to start');
  }, 120_000);

  it('reminds the people a step waits for when its due date nears, once, and not when the step was done in time', async () => {
    expect((await t.http.post('/api/v1/dev/clock').send({ reset: true })).status).toBe(201);
    const late = new DossierDriver(t, tokens, nongThuong);
    const done = new DossierDriver(t, tokens, nongThuong);
    for (const d of [late, done]) {
      await d.open();
      await d.prepare();
      await d.submit();
    }
    const step = (await late.get()).current;
    expect(step.step).toBe('district-verification');
    // Both reminders are timers in PostgreSQL, due t.config.deadlineReminderWorkingDays (2) working days before.
    const timers = t.app.get(DueTimers);
    const lateId = reminderJobId(late.id, 'district-verification', step.round);
    const doneId = reminderJobId(done.id, 'district-verification', 1);
    const reminder = await eventually(() => timers.get(lateId), 'the reminder timer row');
    expect(reminder).toMatchObject({ kind: 'step-reminder', status: 'pending' });
    expect(reminder.payload).toMatchObject({ dueAt: step.dueAt, workingDays: 2 });
    expect(reminder.dueAt.getTime()).toBeLessThan(Date.parse(step.dueAt));
    await eventually(() => timers.get(doneId), 'the second reminder timer row');
    // The district acts on one dossier in time.
    await done.ok('return', tokens.district, {
      reasons: [{ criterion: 2, text: 'Thiếu biên bản nghiệm thu đường trục thôn' }],
    });

    // The operator moves the clock to the reminder's day: two working days are left.
    const at = new Date(reminder.dueAt.getTime() + 60_000).toISOString();
    expect((await t.http.post('/api/v1/dev/clock').send({ at })).status).toBe(201);
    const mail = await eventually(
      async () => smtp.received.find((m) => m.subject?.includes('Sắp đến hạn')),
      'the reminder mail',
      30_000,
    );
    expect(to(mail)).toEqual(['phong.kinhte@example.test']);
    expect(mail.subject).toBe('[Nông thôn mới] Sắp đến hạn: Huyện thẩm tra hồ sơ: xã Nông Thượng');
    expect(mail.text).toContain(`còn 2 ngày làm việc là đến hạn bước «Huyện thẩm tra hồ sơ»`);
    expect(mail.text).toContain(`/ho-so/${late.id}`);
    const near = (await inbox(tokens.district)).items.filter((i) => i.kind === 'deadline-near');
    expect(near.map((i) => i.title)).toEqual(['Sắp đến hạn: Huyện thẩm tra hồ sơ']);

    // The timer that found its step done says nothing; both are done.
    await eventually(
      async () => (await timers.get(doneId))?.status === 'done',
      'the stale reminder to be done',
    );
    await eventually(async () => (await timers.get(lateId))?.status === 'done', 'the reminder to be done');
    const outcomes = await t.app
      .get(DataSource)
      .query(`SELECT id, outcome FROM ${timers.table} WHERE id = ANY($1) ORDER BY id`, [[doneId, lateId]]);
    expect(
      Object.fromEntries(outcomes.map((r: { id: string; outcome: string }) => [r.id, r.outcome])),
    ).toEqual({
      [lateId]: 'reminded',
      [doneId]: 'stale',
    });

    // The same timer fired again (a retry, a second worker): its job id is the Idempotency-Key, so it gets the first
    // answer (one event) and nothing more is recorded or mailed.
    const again = await t.app
      .get(DeadlineProcessor)
      .process({ id: lateId, name: 'step-reminder', data: reminder.payload } as Job<ReminderJob>);
    expect(again).toBe(1);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const reminded = async (id: string) =>
      (await store.readStream(dossierStreamId(id))).filter((e) => e.type === 'StepDeadlineNear');
    expect(await reminded(late.id)).toHaveLength(1);
    expect(await reminded(done.id)).toHaveLength(0);
    const count = smtp.received.length;
    await deliver(
      new NotificationMailManager(
        store,
        createTransport(smtp.url),
        readMailDirectory(directoryFile),
        new SentMails(t.app.get(DataSource)),
        { from: 'x@example.test', publicUrl: 'https://ntm.example.test' },
      ),
      await store.readStream(dossierStreamId(late.id)),
    );
    expect(smtp.received.length).toBe(count);
    expect(smtp.received.filter((m) => m.subject?.includes('Sắp đến hạn'))).toHaveLength(1);
  }, 120_000);
});
