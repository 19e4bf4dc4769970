import { dossierStreamId } from '@ntm/recognition';
import { programmeDecider, programmeStreamId } from '../programme';
import { registerStreamId } from '../register';
import type { ViewEvent } from '../view';
import {
  NOW,
  PROVINCE,
  board,
  chairman,
  duongQuang,
  meta,
  movement,
  nongThuong,
  secretary,
} from './fixtures';

/** Histories the commendation view folds: dossiers of communes, and a province programme. */
export const commune = (code: string, name: string) => ({
  provinceCode: PROVINCE,
  districtCode: '058',
  communeCode: code,
  name,
});
export const dossierHistory = (
  id: string,
  code: string,
  name: string,
  decidedOn: string | null,
  revokedOn?: string,
): ViewEvent[] => [
  {
    streamId: dossierStreamId(id),
    type: 'DossierOpened',
    data: { dossierId: id, commune: commune(code, name), level: 'ntm', year: 2025 },
  },
  {
    streamId: dossierStreamId(id),
    type: 'SurveyResultRecorded',
    data: { satisfactionRate: 0.95, participationRate: 0.8 },
  },
  ...(decidedOn
    ? [
        {
          streamId: dossierStreamId(id),
          type: 'RecognitionGranted',
          data: { dossierId: id, communeCode: code, level: 'ntm', decisionNumber: `${id}/QĐ`, decidedOn },
        },
      ]
    : []),
  ...(revokedOn
    ? [
        {
          streamId: dossierStreamId(id),
          type: 'RecognitionRevoked',
          data: {
            dossierId: id,
            communeCode: code,
            level: 'ntm',
            decisionNumber: `thu-hoi-${id}`,
            decidedOn: revokedOn,
          },
        },
      ]
    : []),
];

export const programmeHistory = (): ViewEvent[] => {
  const cmds = [
    {
      type: 'AppointBoard' as const,
      data: { provinceCode: PROVINCE, members: board.members, appointedOn: board.appointedOn },
      metadata: meta(chairman),
    },
    { type: 'LaunchMovement' as const, data: { movement }, metadata: meta(secretary) },
    {
      type: 'DefineCluster' as const,
      data: {
        clusterId: 'cum-1',
        name: 'Cụm 1',
        kind: 'cum' as const,
        fromYear: 2021,
        members: [nongThuong, duongQuang],
      },
      metadata: meta(secretary),
    },
    {
      type: 'RecordClusterScores' as const,
      data: {
        clusterId: 'cum-1',
        year: 2025,
        reviewedOn: '2025-12-01',
        entries: [
          { memberKey: 'commune:01843', score: 96 },
          { memberKey: 'commune:01840', score: 90 },
        ],
        figures: {},
      },
      metadata: meta(secretary),
    },
  ];
  let state = programmeDecider.initialState();
  const out: ViewEvent[] = [];
  for (const c of cmds) {
    for (const e of programmeDecider.decide(c, state)) {
      state = programmeDecider.evolve(state, e);
      out.push({ streamId: programmeStreamId(PROVINCE), ...e });
    }
  }
  return out;
};

/** A prior award on the province's register, so the register entity is projected too. */
export const priorAward = (): ViewEvent => ({
  streamId: registerStreamId(PROVINCE),
  type: 'PriorAwardRecorded',
  data: {
    provinceCode: PROVINCE,
    awardId: 'p1',
    recipient: nongThuong,
    recipientKey: 'commune:01843',
    awardType: {
      id: 'tap-the-lao-dong-xuat-sac',
      name: 'Tập thể lao động xuất sắc',
      level: 'province',
      decisionRole: 'chairman',
      authority: 'x',
    },
    year: 2024,
    decisionNumber: '9/QĐ',
    decidedOn: '2024-12-01',
    recordedBy: secretary.id,
    recordedAt: NOW,
  },
});
