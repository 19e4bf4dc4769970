import {
  conflict,
  listOr,
  notFound,
  ruleBroken,
  type Command,
  type Decider,
  type DomainEvent,
} from '@ntm/decider';
import type { Level } from '@ntm/criteria';
import { LOCAL_DATE, SLUG, Violations, requireProvince, requireRole, requireSecretary } from './authority';
import { DEFAULT_AWARD_TYPES, validateAwardType } from './award-types';
import { quotaLabel, quotasFor, type QuotaSpec } from './quotas';
import { isValidFraction } from './shares';
import {
  QUOTA_BASES,
  recipientKey,
  type AwardType,
  type Board,
  type BoardMember,
  type DocumentHash,
  type Movement,
  type MovementQuota,
  type Nominee,
  type QuotaBasis,
} from './types';

/**
 * A province's emulation programme, one stream per province: its board, movements, clusters and blocks,
 * award types and the annual cluster scores. The board's secretary maintains it.
 */
export const programmeStreamId = (provinceCode: string): string => `emulation-${provinceCode}`;

export type ClusterKind = 'cum' | 'khoi';

/** The record's figures shown beside a member's score (communes; null for other members). */
export interface MemberFigures {
  readonly holdings: readonly Level[];
  readonly recognisedInYear: readonly Level[];
  readonly satisfactionRate: number | null;
}

export interface ScoreEntry {
  readonly memberKey: string;
  readonly score: number;
}

export interface RankedEntry extends ScoreEntry {
  readonly name: string;
  /** Competition ranking: equal scores share a rank, the next rank skips (1, 2, 2, 4). */
  readonly rank: number;
  readonly figures: MemberFigures | null;
}

export interface ClusterVersion {
  readonly fromYear: number;
  readonly members: readonly Nominee[];
}

export interface Cluster {
  readonly id: string;
  readonly name: string;
  readonly kind: ClusterKind;
  /** Membership as defined over the years; a redefinition applies from its year on. */
  readonly versions: readonly ClusterVersion[];
}

export interface ClusterScores {
  readonly clusterId: string;
  readonly clusterName: string;
  readonly year: number;
  readonly reviewedOn: string;
  readonly ranking: readonly RankedEntry[];
  readonly leader: string;
  readonly minutes: DocumentHash | null;
}

// Maps are index signatures, not Record<string, T>: the OpenAPI answer generator (typescript-json-schema) drops
// a Record's value type, and the web app reads these maps.
export interface Programme {
  readonly provinceCode: string;
  readonly board: Board | null;
  readonly movements: { readonly [movementId: string]: Movement };
  readonly clusters: { readonly [clusterId: string]: Cluster };
  /** Key: `${clusterId}/${year}`; the latest recording of a cluster's year stands. */
  readonly scores: { readonly [clusterYear: string]: ClusterScores };
  /** Award types the province defined; the catalogue's defaults apply where it did not. */
  readonly awardTypes: Readonly<Record<string, AwardType>>;
}

export type ProgrammeState = { readonly status: 'none' } | ({ readonly status: 'active' } & Programme);

export type ProgrammeCommand =
  | Command<
      'AppointBoard',
      {
        readonly provinceCode: string;
        readonly members: readonly BoardMember[];
        readonly appointedOn: string;
      }
    >
  | Command<'LaunchMovement', { readonly movement: Movement }>
  | Command<
      'DefineCluster',
      {
        readonly clusterId: string;
        readonly name: string;
        readonly kind: ClusterKind;
        readonly fromYear: number;
        readonly members: readonly Nominee[];
      }
    >
  | Command<
      'RecordClusterScores',
      {
        readonly clusterId: string;
        readonly year: number;
        readonly reviewedOn: string;
        readonly entries: readonly ScoreEntry[];
        /** Names the leader when the top score is shared (the cluster's review decides). */
        readonly leader?: string;
        readonly minutes?: DocumentHash;
        /** The record's figures per member key, filled in by the shell. */
        readonly figures: Readonly<Record<string, MemberFigures | null>>;
      }
    >
  | Command<'DefineAwardType', { readonly awardType: AwardType }>
  | Command<
      'AmendMovementQuotas',
      {
        readonly movementId: string;
        /** The full new list: it replaces the movement's quotas. */
        readonly quotas: readonly MovementQuota[];
        readonly reason?: string;
        readonly basis?: QuotaBasis;
        /**
         * Places nominations hold in the quotas the amendment drops or changes (by quota key; quotasAmended),
         * filled in by the shell from the quotas' own streams.
         */
        readonly placesHeld: Readonly<Record<string, number>>;
      }
    >
  | Command<
      'LapseQuotaAmendment',
      {
        readonly movementId: string;
        /** The youngest mark an amendment left on the quota at the programme's current version. */
        readonly amendmentId: string;
        readonly begunAt: string;
        /** How long an amendment may take from marking its quotas to recording itself (configuration). */
        readonly leaseSeconds: number;
      }
    >;

export type ProgrammeEvent =
  | DomainEvent<
      'BoardAppointed',
      {
        readonly provinceCode: string;
        readonly members: readonly BoardMember[];
        readonly appointedOn: string;
        readonly appointedBy: string;
      }
    >
  | DomainEvent<'MovementLaunched', { readonly movement: Movement }>
  | DomainEvent<
      'ClusterDefined',
      {
        readonly clusterId: string;
        readonly name: string;
        readonly kind: ClusterKind;
        readonly fromYear: number;
        readonly members: readonly Nominee[];
      }
    >
  | DomainEvent<'ClusterScoresRecorded', ClusterScores & { readonly recordedAt: string }>
  | DomainEvent<'AwardTypeDefined', { readonly awardType: AwardType }>
  | DomainEvent<
      'MovementQuotasAmended',
      {
        readonly movementId: string;
        readonly quotas: readonly MovementQuota[];
        readonly reason: string | null;
        readonly basis: QuotaBasis | null;
        readonly previous: readonly MovementQuota[];
        readonly amendedBy: string;
        readonly amendedAt: string;
      }
    >
  | DomainEvent<
      'QuotaAmendmentLapsed',
      {
        readonly movementId: string;
        readonly amendmentId: string;
        readonly begunAt: string;
        readonly lapsedBy: string;
        readonly lapsedAt: string;
      }
    >;

export const initialProgramme = (): ProgrammeState => ({ status: 'none' });

const clusterKindLabel = (k: ClusterKind) => (k === 'cum' ? 'cụm' : 'khối');

/** The members of a cluster in a year (the latest definition from that year or before). */
export const membersIn = (cluster: Cluster, year: number): readonly Nominee[] | null => {
  const applicable = cluster.versions.filter((v) => v.fromYear <= year);
  return applicable.length > 0 ? applicable[applicable.length - 1].members : null;
};

/** The award type in force in the province: its own definition, else the catalogue's. */
export const awardTypeIn = (p: Programme, awardTypeId: string): AwardType | null =>
  p.awardTypes[awardTypeId] ?? DEFAULT_AWARD_TYPES.find((t) => t.id === awardTypeId) ?? null;

export const awardTypesIn = (p: Programme): AwardType[] => {
  const own = Object.values(p.awardTypes);
  return [...DEFAULT_AWARD_TYPES.filter((t) => !p.awardTypes[t.id]), ...own];
};

/** Ranks scores (highest first) and finds the leader; a shared top score needs the review to name one. */
export const rankScores = (
  entries: readonly ScoreEntry[],
  leader: string | undefined,
): { ranking: (ScoreEntry & { rank: number })[]; leader: string } => {
  // Equal scores keep the order the review entered them in (sort is stable).
  const sorted = [...entries].sort((a, b) => b.score - a.score);
  const ranking = sorted.map((e) => ({ ...e, rank: 1 + sorted.filter((o) => o.score > e.score).length }));
  const top = ranking.filter((e) => e.rank === 1).map((e) => e.memberKey);
  if (leader !== undefined) {
    if (!top.includes(leader)) {
      throw ruleBroken(
        'LEADER_NOT_TOP',
        `Đơn vị ${leader} không có điểm cao nhất nên không thể là đơn vị dẫn đầu`,
      );
    }
    return { ranking, leader };
  }
  if (top.length > 1) {
    throw ruleBroken(
      'TIE_AT_TOP',
      `Các đơn vị ${top.join(', ')} bằng điểm cao nhất: cần ghi rõ đơn vị dẫn đầu theo kết luận bình xét của cụm, khối`,
    );
  }
  return { ranking, leader: top[0] };
};

const validateBoard = (members: readonly BoardMember[]): void => {
  const v = new Violations();
  const secretaries = members.filter((m) => m.role === 'secretary');
  v.check(
    secretaries.length === 1,
    'ONE_SECRETARY',
    `Hội đồng phải có đúng một Thư ký (đang có ${secretaries.length})`,
    'members',
  );
  v.check(
    new Set(members.map((m) => m.id)).size === members.length,
    'DUPLICATE_MEMBER',
    'Một người chỉ giữ một ghế trong Hội đồng',
    'members',
  );
  members.forEach((m, i) => {
    v.check(
      !!m.id?.trim() && !!m.name?.trim(),
      'INVALID_MEMBER',
      `Thành viên ${i + 1}: phải có mã và họ tên`,
      `members[${i}]`,
    );
    v.check(
      m.role === 'secretary' || m.role === 'member',
      'INVALID_MEMBER',
      `Thành viên ${i + 1}: vai trò phải là secretary hoặc member`,
      `members[${i}]`,
    );
  });
  v.throwIfAny('INVALID_BOARD', 'Thành phần Hội đồng Thi đua - Khen thưởng không hợp lệ');
};

/** Quotas per movement: enough for one per award type and base, with room for a province's own. */
export const MAX_MOVEMENT_QUOTAS = 20;

const validateQuotas = (
  v: Violations,
  p: Programme,
  quotas: Movement['quotas'],
  at = 'movement.quotas',
): void => {
  if (quotas === undefined) return;
  const list = listOr(quotas);
  v.check(
    Array.isArray(quotas) && list.length <= MAX_MOVEMENT_QUOTAS,
    'INVALID_QUOTAS',
    `Phong trào có tối đa ${MAX_MOVEMENT_QUOTAS} chỉ tiêu khen thưởng`,
    at,
  );
  v.check(
    new Set(list.map((q) => q.id)).size === list.length,
    'DUPLICATE_QUOTA',
    'Mỗi chỉ tiêu có một mã riêng trong phong trào',
    at,
  );
  list.forEach((q, i) => {
    const field = `${at}[${i}]`;
    v.check(
      SLUG.test(q.id ?? ''),
      'INVALID_ID',
      `Chỉ tiêu ${i + 1}: mã '${q.id}' chỉ gồm chữ thường, số và dấu gạch ngang`,
      `${field}.id`,
    );
    v.check(
      awardTypeIn(p, q.awardTypeId) !== null,
      'AWARD_TYPE_NOT_FOUND',
      `Chỉ tiêu ${i + 1}: tỉnh chưa quy định hình thức khen thưởng '${q.awardTypeId}'`,
      `${field}.awardTypeId`,
    );
    v.check(
      QUOTA_BASES.includes(q.base),
      'INVALID_QUOTA_BASE',
      `Chỉ tiêu ${i + 1}: cơ sở tính chỉ tiêu '${q.base}' không hợp lệ`,
      `${field}.base`,
    );
    v.check(
      !!q.share && isValidFraction(q.share),
      'INVALID_SHARE',
      `Chỉ tiêu ${i + 1}: tỷ lệ phải là phân số num/den với 0 ≤ num ≤ den`,
      `${field}.share`,
    );
    v.check(
      q.rounding === 'floor' || q.rounding === 'ceil',
      'INVALID_ROUNDING',
      `Chỉ tiêu ${i + 1}: cách làm tròn phải là floor hoặc ceil`,
      `${field}.rounding`,
    );
    v.check(
      !!q.source?.trim(),
      'INVALID_SOURCE',
      `Chỉ tiêu ${i + 1}: phải nêu căn cứ của chỉ tiêu (văn bản phát động, kế hoạch) hoặc ghi chưa xác minh`,
      `${field}.source`,
    );
  });
};

const validateMovement = (m: Movement, p: Programme): void => {
  const v = new Violations();
  validateQuotas(v, p, m.quotas);
  v.check(
    SLUG.test(m.id ?? ''),
    'INVALID_ID',
    `Mã phong trào '${m.id}' chỉ gồm chữ thường, số và dấu gạch ngang`,
    'movement.id',
  );
  v.check(!!m.name?.trim(), 'INVALID_NAME', 'Tên phong trào không được để trống', 'movement.name');
  v.check(
    Number.isInteger(m.fromYear) && Number.isInteger(m.toYear) && m.fromYear <= m.toYear,
    'INVALID_PERIOD',
    `Giai đoạn ${m.fromYear}-${m.toYear} không hợp lệ`,
    'movement.fromYear',
  );
  v.check(!!m.launchedBy?.trim(), 'INVALID_LAUNCHER', 'Phải nêu cơ quan phát động', 'movement.launchedBy');
  v.check(
    LOCAL_DATE.test(m.launchedOn ?? ''),
    'INVALID_DATE',
    'Ngày phát động phải có dạng YYYY-MM-DD',
    'movement.launchedOn',
  );
  v.throwIfAny('INVALID_MOVEMENT', 'Phong trào thi đua không hợp lệ');
};

type Active = Extract<ProgrammeState, { status: 'active' }>;

/**
 * The quotas binding a movement now (award types' own rules included) that a new list drops or counts otherwise
 * (another base, share or rounding), each with what replaces it under the same key, if anything. Nominations hold
 * their places in these quotas' streams: an amendment reads the places there and stops claims made on the old list.
 */
export const quotasAmended = (
  p: Programme,
  movement: Pick<Movement, 'quotas'>,
  quotas: readonly MovementQuota[],
): { awardType: AwardType; quota: QuotaSpec; next: QuotaSpec | null }[] =>
  awardTypesIn(p).flatMap((awardType) => {
    const after = quotasFor({ quotas }, awardType);
    return quotasFor(movement, awardType)
      .map((quota) => ({ awardType, quota, next: after.find((n) => n.key === quota.key) ?? null }))
      .filter(
        ({ quota, next }) =>
          next === null ||
          next.base !== quota.base ||
          next.rounding !== quota.rounding ||
          next.share.num !== quota.share.num ||
          next.share.den !== quota.share.den,
      );
  });

/**
 * The board amends a movement's quotas by a later decision, or corrects a mistake: the full new list, with the
 * reason or the basis document on record. Nominations already made keep their places and the quota they were
 * checked under (they carry the movement as it was): a quota holding places cannot be dropped or counted over
 * another base, and a lowered figure takes no new nomination until the places held fall below it.
 */
const amendQuotas = (
  c: Extract<ProgrammeCommand, { type: 'AmendMovementQuotas' }>,
  p: Active,
): ProgrammeEvent[] => {
  const { movementId, quotas, reason, basis, placesHeld } = c.data;
  const movement = p.movements[movementId];
  if (!movement) throw notFound('MOVEMENT_NOT_FOUND', `Không tìm thấy phong trào thi đua ${movementId}`);
  const v = new Violations();
  v.check(quotas !== undefined, 'INVALID_QUOTAS', 'Phải gửi danh sách chỉ tiêu mới', 'quotas');
  validateQuotas(v, p, quotas, 'quotas');
  v.check(
    !!reason?.trim() || basis !== undefined,
    'NO_REASON',
    'Phải nêu lý do sửa chỉ tiêu hoặc văn bản làm căn cứ (số, ngày văn bản)',
    'reason',
  );
  if (basis !== undefined) {
    v.check(!!basis.number?.trim(), 'INVALID_BASIS', 'Phải nêu số văn bản làm căn cứ', 'basis.number');
    v.check(
      LOCAL_DATE.test(basis.issuedOn ?? ''),
      'INVALID_DATE',
      'Ngày văn bản làm căn cứ phải có dạng YYYY-MM-DD',
      'basis.issuedOn',
    );
  }
  v.throwIfAny('INVALID_QUOTAS', `Chỉ tiêu khen thưởng của phong trào ${movement.name} không hợp lệ`);
  const previous = movement.quotas ?? [];
  if (JSON.stringify(previous) === JSON.stringify(quotas)) {
    throw conflict('QUOTAS_UNCHANGED', 'Danh sách chỉ tiêu mới giống hệt danh sách đang áp dụng');
  }
  const held = quotasAmended(p, movement, quotas)
    .filter(({ quota, next }) => (placesHeld[quota.key] ?? 0) > 0 && next?.base !== quota.base)
    .map(
      ({ awardType, quota }) => `${awardType.name} ${quotaLabel(quota)}: ${placesHeld[quota.key]} đề nghị`,
    );
  if (held.length > 0) {
    throw conflict(
      'QUOTA_IN_USE',
      `Không thể bỏ hoặc đổi cơ sở tính chỉ tiêu đã có đề nghị giữ chỗ (${held.join('; ')}); ` +
        'giữ nguyên mã và cơ sở tính của chỉ tiêu đó, chỉ sửa tỷ lệ, cách làm tròn hoặc căn cứ',
    );
  }
  return [
    {
      type: 'MovementQuotasAmended',
      data: {
        movementId,
        quotas,
        reason: reason?.trim() || null,
        basis: basis ?? null,
        previous,
        amendedBy: c.metadata.actor.id,
        amendedAt: c.metadata.now,
      },
    },
  ];
};

/**
 * An amendment of quotas marks their streams, then records itself at the programme version it marked on; if its
 * process dies in between, the marks refuse every claim checked on that version. Once the lease is over, a
 * nomination meeting the mark records the amendment as lapsed at that very version (the shell appends with it
 * as the expected version): the programme moves past the marks, so claims go through again, and the amendment,
 * should it still be running, can no longer record itself there; it conflicts and is decided again. So a mark
 * never outlives its amendment and no claim passes a quota an amendment recorded. The lapse changes nothing in
 * the programme: it is no act of the board, and a nomination's proposer may cause it.
 */
const lapseAmendment = (
  c: Extract<ProgrammeCommand, { type: 'LapseQuotaAmendment' }>,
  p: Active,
): ProgrammeEvent[] => {
  const { movementId, amendmentId, begunAt, leaseSeconds } = c.data;
  const movement = p.movements[movementId];
  if (!movement) throw notFound('MOVEMENT_NOT_FOUND', `Không tìm thấy phong trào thi đua ${movementId}`);
  if (Date.parse(c.metadata.now) - Date.parse(begunAt) < leaseSeconds * 1000) {
    throw conflict(
      'QUOTA_AMENDED',
      `Chỉ tiêu khen thưởng của phong trào ${movement.name} đang được sửa; hãy gửi lại đề nghị sau ít phút`,
    );
  }
  return [
    {
      type: 'QuotaAmendmentLapsed',
      data: { movementId, amendmentId, begunAt, lapsedBy: c.metadata.actor.id, lapsedAt: c.metadata.now },
    },
  ];
};

const requireActive = (s: ProgrammeState): Active => {
  if (s.status === 'none')
    throw notFound('PROGRAMME_NOT_FOUND', 'Tỉnh chưa thành lập Hội đồng Thi đua - Khen thưởng');
  return s;
};

const appointBoard = (
  c: Extract<ProgrammeCommand, { type: 'AppointBoard' }>,
  s: ProgrammeState,
): ProgrammeEvent[] => {
  const { actor } = c.metadata;
  requireRole(actor, ['chairman', 'admin'], 'thành lập, kiện toàn Hội đồng Thi đua - Khen thưởng');
  requireProvince(actor, c.data.provinceCode);
  if (s.status === 'active' && s.provinceCode !== c.data.provinceCode) {
    throw conflict('PROVINCE_MISMATCH', `Chương trình thi đua này thuộc tỉnh ${s.provinceCode}`);
  }
  validateBoard(c.data.members);
  return [{ type: 'BoardAppointed', data: { ...c.data, appointedBy: actor.id } }];
};

const recordScores = (
  c: Extract<ProgrammeCommand, { type: 'RecordClusterScores' }>,
  p: Active,
): ProgrammeEvent[] => {
  const { clusterId, year, entries, reviewedOn, leader, minutes, figures } = c.data;
  const cluster = p.clusters[clusterId];
  if (!cluster) throw notFound('CLUSTER_NOT_FOUND', `Không tìm thấy cụm, khối thi đua ${clusterId}`);
  const members = membersIn(cluster, year);
  if (!members) throw ruleBroken('NO_MEMBERS', `${cluster.name} chưa có thành viên năm ${year}`);
  const v = new Violations();
  v.check(
    LOCAL_DATE.test(reviewedOn ?? ''),
    'INVALID_DATE',
    'Ngày bình xét phải có dạng YYYY-MM-DD',
    'reviewedOn',
  );
  const keys = new Set(members.map(recipientKey));
  entries.forEach((e, i) => {
    v.check(
      keys.has(e.memberKey),
      'NOT_A_MEMBER',
      `Đơn vị ${e.memberKey} không phải thành viên ${cluster.name} năm ${year}`,
      `entries[${i}]`,
    );
    v.check(
      Number.isFinite(e.score) && e.score >= 0,
      'INVALID_SCORE',
      `Điểm của ${e.memberKey} phải là số không âm`,
      `entries[${i}].score`,
    );
  });
  const scored = entries.map((e) => e.memberKey);
  v.check(
    new Set(scored).size === scored.length,
    'DUPLICATE_ENTRY',
    'Mỗi đơn vị chỉ được chấm một điểm',
    'entries',
  );
  const missing = members.filter((m) => !scored.includes(recipientKey(m)));
  v.check(
    missing.length === 0,
    'MEMBER_NOT_SCORED',
    `Chưa chấm điểm: ${missing.map((m) => m.name).join(', ')}`,
    'entries',
  );
  v.throwIfAny('INVALID_SCORES', `Kết quả chấm điểm ${cluster.name} năm ${year} không hợp lệ`);
  const ranked = rankScores(entries, leader);
  const nameOf = (key: string) => members.find((m) => recipientKey(m) === key)!.name;
  return [
    {
      type: 'ClusterScoresRecorded',
      data: {
        clusterId,
        clusterName: cluster.name,
        year,
        reviewedOn,
        ranking: ranked.ranking.map((e) => ({
          ...e,
          name: nameOf(e.memberKey),
          figures: figures[e.memberKey] ?? null,
        })),
        leader: ranked.leader,
        minutes: minutes ?? null,
        recordedAt: c.metadata.now,
      },
    },
  ];
};

const decide = (c: ProgrammeCommand, s: ProgrammeState): ProgrammeEvent[] => {
  if (c.type === 'AppointBoard') return appointBoard(c, s);
  const p = requireActive(s);
  const { actor } = c.metadata;
  switch (c.type) {
    case 'LaunchMovement': {
      requireSecretary(actor, p.board, p.provinceCode, 'phát động phong trào thi đua');
      validateMovement(c.data.movement, p);
      if (p.movements[c.data.movement.id]) {
        throw conflict('MOVEMENT_EXISTS', `Phong trào ${c.data.movement.id} đã được phát động`);
      }
      return [{ type: 'MovementLaunched', data: c.data }];
    }
    case 'DefineCluster': {
      requireSecretary(actor, p.board, p.provinceCode, 'lập cụm, khối thi đua');
      const { clusterId, name, kind, fromYear, members } = c.data;
      const v = new Violations();
      v.check(
        SLUG.test(clusterId ?? ''),
        'INVALID_ID',
        `Mã cụm, khối '${clusterId}' chỉ gồm chữ thường, số và dấu gạch ngang`,
        'clusterId',
      );
      v.check(
        !!name?.trim(),
        'INVALID_NAME',
        `Tên ${clusterKindLabel(kind)} thi đua không được để trống`,
        'name',
      );
      v.check(members.length > 0, 'NO_MEMBERS', 'Cụm, khối phải có ít nhất một thành viên', 'members');
      v.check(
        new Set(members.map(recipientKey)).size === members.length,
        'DUPLICATE_MEMBER',
        'Một đơn vị chỉ có tên một lần trong cụm, khối',
        'members',
      );
      v.check(
        members.every((m) => m.provinceCode === p.provinceCode),
        'OTHER_PROVINCE',
        `Thành viên phải thuộc tỉnh ${p.provinceCode}`,
        'members',
      );
      v.throwIfAny('INVALID_CLUSTER', 'Cụm, khối thi đua không hợp lệ');
      const existing = p.clusters[clusterId];
      if (existing && existing.versions.some((ver) => ver.fromYear > fromYear)) {
        throw conflict(
          'CLUSTER_REDEFINED_LATER',
          `${existing.name} đã có thành phần áp dụng từ năm sau ${fromYear}`,
        );
      }
      return [{ type: 'ClusterDefined', data: c.data }];
    }
    case 'RecordClusterScores':
      requireSecretary(actor, p.board, p.provinceCode, 'ghi kết quả chấm điểm, xếp hạng cụm, khối');
      return recordScores(c, p);
    case 'DefineAwardType':
      requireSecretary(actor, p.board, p.provinceCode, 'quy định hình thức khen thưởng');
      validateAwardType(c.data.awardType);
      return [{ type: 'AwardTypeDefined', data: c.data }];
    case 'AmendMovementQuotas':
      requireSecretary(actor, p.board, p.provinceCode, 'sửa chỉ tiêu khen thưởng của phong trào');
      return amendQuotas(c, p);
    case 'LapseQuotaAmendment':
      return lapseAmendment(c, p);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
};

const evolve = (s: ProgrammeState, e: ProgrammeEvent): ProgrammeState => {
  if (e.type === 'BoardAppointed') {
    const base: Programme =
      s.status === 'active'
        ? s
        : {
            provinceCode: e.data.provinceCode,
            board: null,
            movements: {},
            clusters: {},
            scores: {},
            awardTypes: {},
          };
    return { ...base, status: 'active', board: { members: e.data.members, appointedOn: e.data.appointedOn } };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'MovementLaunched':
      return { ...s, movements: { ...s.movements, [e.data.movement.id]: e.data.movement } };
    case 'ClusterDefined': {
      const { clusterId, name, kind, fromYear, members } = e.data;
      const versions = [
        ...(s.clusters[clusterId]?.versions ?? []).filter((v) => v.fromYear !== fromYear),
        { fromYear, members },
      ];
      return { ...s, clusters: { ...s.clusters, [clusterId]: { id: clusterId, name, kind, versions } } };
    }
    case 'ClusterScoresRecorded': {
      const { recordedAt: _recordedAt, ...scores } = e.data;
      return { ...s, scores: { ...s.scores, [`${scores.clusterId}/${scores.year}`]: scores } };
    }
    case 'AwardTypeDefined':
      return { ...s, awardTypes: { ...s.awardTypes, [e.data.awardType.id]: e.data.awardType } };
    case 'MovementQuotasAmended': {
      const { movementId, quotas, reason, basis, previous, amendedBy, amendedAt } = e.data;
      const m = s.movements[movementId];
      const amendment = { reason, basis, previous, amendedBy, amendedAt };
      const quotaAmendments = [...(m.quotaAmendments ?? []), amendment];
      return { ...s, movements: { ...s.movements, [movementId]: { ...m, quotas, quotaAmendments } } };
    }
    case 'QuotaAmendmentLapsed':
      return s;
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

export const programmeDecider: Decider<ProgrammeCommand, ProgrammeEvent, ProgrammeState> = {
  decide,
  evolve,
  initialState: initialProgramme,
};

/** Every cluster's scores for a year. */
export const scoresOfYear = (p: Programme, year: number): ClusterScores[] =>
  Object.values(p.scores).filter((s) => s.year === year);
