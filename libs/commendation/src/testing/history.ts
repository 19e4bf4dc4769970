import { dossierStreamId } from '@ntm/recognition';
import { programmeStreamId, type ProgrammeEvent } from '../programme';
import { registerStreamId } from '../register';
import type { ViewEvent } from '../view';
import { NOW, PROVINCE, board, chairman, duongQuang, movement, nongThuong, secretary } from './fixtures';

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

/** The chairman appointed the board of five on 10/01/2025. */
export const boardAppointed: ProgrammeEvent = {
  type: 'BoardAppointed',
  data: {
    provinceCode: PROVINCE,
    members: board.members,
    appointedOn: board.appointedOn,
    appointedBy: chairman.id,
  },
};

/**
 * The province's programme: the board appointed by the chairman, the NTM movement, cụm 1 of Nông Thượng and
 * Dương Quang, and its 2025 scores (Nông Thượng leads with 96, Dương Quang 90). fixture-events.unit.spec.ts holds
 * them to what the programme decider records for the same commands.
 */
export const programmeEvents = (): ProgrammeEvent[] => [
  boardAppointed,
  { type: 'MovementLaunched', data: { movement } },
  {
    type: 'ClusterDefined',
    data: {
      clusterId: 'cum-1',
      name: 'Cụm 1',
      kind: 'cum',
      fromYear: 2021,
      members: [nongThuong, duongQuang],
    },
  },
  {
    type: 'ClusterScoresRecorded',
    data: {
      clusterId: 'cum-1',
      clusterName: 'Cụm 1',
      year: 2025,
      reviewedOn: '2025-12-01',
      ranking: [
        { memberKey: 'commune:01843', score: 96, rank: 1, name: 'xã Nông Thượng', figures: null },
        { memberKey: 'commune:01840', score: 90, rank: 2, name: 'xã Dương Quang', figures: null },
      ],
      leader: 'commune:01843',
      minutes: null,
      recordedAt: NOW,
    },
  },
];

/** The programme's events on the province's programme stream. */
export const programmeHistory = (): ViewEvent[] =>
  programmeEvents().map((e) => ({ streamId: programmeStreamId(PROVINCE), ...e }));

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
