import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@ntm/application';
import type { EventStore } from '@ntm/event-store';
import { communeStreamId } from '@ntm/recognition';
import type { TestApp } from './harness';

/**
 * Registers Bắc Kạn (06), thành phố Bắc Kạn (058) and its communes of the test data, as the administrator; a walk
 * may add communes of the city.
 */
export const registerBacKan = async (
  t: TestApp,
  adminToken: string,
  more: readonly { code: string; name: string }[] = [],
): Promise<void> => {
  const res = await t.http
    .put('/api/v1/admin/units/06')
    .set('authorization', `Bearer ${adminToken}`)
    .send({
      name: 'Tỉnh Bắc Kạn',
      districts: [{ code: '058', name: 'Thành phố Bắc Kạn' }],
      communes: [
        { code: '01840', name: 'xã Dương Quang', districtCode: '058' },
        { code: '01843', name: 'xã Nông Thượng', districtCode: '058' },
        ...more.map((c) => ({ ...c, districtCode: '058' })),
      ],
    });
  if (res.status !== 200) throw new Error(`registering Bắc Kạn: ${res.status} ${JSON.stringify(res.body)}`);
};

/**
 * Registers xã Nông Thượng (01843) merged into xã Dương Quang (01840), which keeps its code, from 1/7/2025, as the
 * administrator: test data shaped as a province's resolution says it (the basis marked unverified).
 */
export const mergeNongThuongIntoDuongQuang = async (t: TestApp, adminToken: string): Promise<void> => {
  const res = await t.http
    .post('/api/v1/admin/units/changes')
    .set('authorization', `Bearer ${adminToken}`)
    .send({
      changes: [
        {
          type: 'MergeUnits',
          kind: 'commune',
          predecessorCodes: ['01840', '01843'],
          successorCode: '01840',
          successorName: 'xã Dương Quang',
          provinceCode: '06',
          effectiveOn: '2025-07-01',
          basis: {
            number: '1681/NQ-UBTVQH15',
            issuedOn: '2025-06-16',
            unverified: 'UNVERIFIED: dữ liệu thử',
          },
        },
      ],
    });
  if (res.status !== 201) throw new Error(`merging Nông Thượng: ${res.status} ${JSON.stringify(res.body)}`);
};

/**
 * A commune's recognition decided before the system, as the commune-record process manager writes it when the
 * chairman decides a dossier (a walk through the screens would date it today). Written on the commune's new
 * stream; `period` left out is the shape of events from before periods were recorded.
 */
export const recordPastRecognition = async (
  t: TestApp,
  communeCode: string,
  recognition: { level: string; decisionNumber: string; decidedOn: string; period?: string },
): Promise<void> => {
  await t.app.get<EventStore>(EVENT_STORE).append(
    communeStreamId(communeCode),
    [
      {
        eventId: randomUUID(),
        type: 'CommuneRecognitionGranted',
        data: { ...recognition, dossierId: randomUUID() },
        metadata: {
          actor: 'system:commune-record',
          role: 'system',
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
      },
    ],
    { expectedVersion: 'no-stream' },
  );
};
