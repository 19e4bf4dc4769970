import { levelLabels, type Level } from '@ntm/criteria';
import { stepLabels, type DossierEvent, type EventOf, type StepId } from '@ntm/recognition';
import { roleLabels, type Role } from '@ntm/decider';
import type { RecordedEvent } from '@ntm/event-store';
import { fileSlug, type Block, type OfficialDocument } from './decree30';

/**
 * The documents a dossier produces, each from the event that records it: the receipt of every submission
 * (phiếu tiếp nhận), the letter returning it for supplementation, the recognition decision, the refusal.
 */

/** Names of the units a document names, from the administrative units register. */
export interface Places {
  /** e.g. "Bắc Kạn" (the place name, without "tỉnh"). */
  readonly province: string;
  /** e.g. "thành phố Bắc Kạn"; null where the dossier has no district (two-tier government since July 2025). */
  readonly district: string | null;
}

export type DossierDocumentKind = 'receipt' | 'return' | 'decision' | 'refusal';

export interface DossierDocumentRef {
  /** The name in the route: "receipt-1", "return-1", "decision", "refusal". */
  readonly key: string;
  readonly kind: DossierDocumentKind;
  readonly title: string;
  readonly issuedAt: string;
}

/** "receipt-2", "return-1", "decision", "refusal" (the number is the round). */
export const DOCUMENT_KEY = /^(receipt|return)-([1-9]\d{0,2})$|^(decision|refusal)$/;

type Recorded = Pick<RecordedEvent, 'type' | 'data' | 'recordedAt' | 'metadata'>;
type Opened = EventOf<'DossierOpened'>['data'];

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The calendar date in Việt Nam of an instant, YYYY-MM-DD. */
const localDate = (instant: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
const localDateTime = (instant: string): string => {
  const [y, m, d] = localDate(instant).split('-');
  const time = new Intl.DateTimeFormat('vi-VN', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
  return `${time} ngày ${d}/${m}/${y}`;
};

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);
const as = <T extends DossierEvent['type']>(e: Recorded, type: T) =>
  e.type === type ? (e.data as EventOf<T>['data']) : undefined;

/** The submissions (round 1) and resubmissions, each with its round and the step it went to. */
const submissions = (events: readonly Recorded[]) =>
  events.flatMap((e, i) => {
    const first = as(e, 'DossierSubmitted');
    const again = as(e, 'DossierResubmitted');
    const s = first ?? again;
    if (!s) return [];
    const next = events.slice(i + 1).find((n) => n.type === 'StepOpened');
    return [
      {
        event: e,
        round: s.round,
        at: first ? first.submittedAt : again!.resubmittedAt,
        documents: s.documents.length,
        evidence: s.evidence.length,
        next: next ? (next.data as EventOf<'StepOpened'>['data']) : null,
      },
    ];
  });

const returns = (events: readonly Recorded[]) =>
  events.flatMap((e, i) => {
    const r = as(e, 'DossierReturned');
    if (!r) return [];
    const next = events.slice(i + 1).find((n) => n.type === 'StepOpened');
    return [{ event: e, data: r, next: next ? (next.data as EventOf<'StepOpened'>['data']) : null }];
  });

/** Every document the dossier has produced so far, in the order of the events that produced them. */
export const listDossierDocuments = (events: readonly Recorded[]): DossierDocumentRef[] =>
  events.flatMap((e): DossierDocumentRef[] => {
    const submitted = as(e, 'DossierSubmitted');
    const resubmitted = as(e, 'DossierResubmitted');
    const returned = as(e, 'DossierReturned');
    const granted = as(e, 'RecognitionGranted');
    const refused = as(e, 'RecognitionRefused');
    if (submitted)
      return [
        {
          key: 'receipt-1',
          kind: 'receipt',
          title: 'Phiếu tiếp nhận hồ sơ',
          issuedAt: submitted.submittedAt,
        },
      ];
    if (resubmitted)
      return [
        {
          key: `receipt-${resubmitted.round}`,
          kind: 'receipt',
          title: `Phiếu tiếp nhận hồ sơ nộp lại (vòng ${resubmitted.round})`,
          issuedAt: resubmitted.resubmittedAt,
        },
      ];
    if (returned)
      return [
        {
          key: `return-${returned.round}`,
          kind: 'return',
          title: `Văn bản trả hồ sơ để bổ sung, hoàn thiện (vòng ${returned.round})`,
          issuedAt: returned.returnedAt,
        },
      ];
    if (granted)
      return [
        {
          key: 'decision',
          kind: 'decision',
          title: `Quyết định công nhận số ${granted.decisionNumber}`,
          issuedAt: granted.grantedAt,
        },
      ];
    if (refused)
      return [
        { key: 'refusal', kind: 'refusal', title: 'Văn bản không công nhận', issuedAt: refused.refusedAt },
      ];
    return [];
  });

/** The names the documents use for the commune, its units and the province's People's Committee. */
const namesOf = (opened: Opened, places: Places) => {
  const communeFull = [opened.commune.name, places.district, `tỉnh ${places.province}`]
    .filter(Boolean)
    .join(', ');
  return {
    commune: opened.commune.name,
    communeFull,
    level: levelLabels[opened.level as Level] ?? opened.level,
    provinceCommittee: `Ủy ban nhân dân tỉnh ${places.province}`,
    districtCommittee: places.district ? `Ủy ban nhân dân ${places.district}` : null,
    /** Where the dossier's own record names it: its code, or its id before codes existed. */
    code: opened.code ?? opened.dossierId,
  };
};

/** Steps run by the district's committee (2021-2025); every other review step is the province's. */
const isDistrictStep = (step: StepId | undefined) => step?.startsWith('district-') ?? false;

const officer = (e: Recorded) => ({
  title: roleLabels[e.metadata.role as Role] ?? e.metadata.role,
  name: [e.metadata.actorName, e.metadata.actor].find((n): n is string => typeof n === 'string') ?? '',
});

/** One document of the dossier as an official document, or null when the dossier has not produced it. */
export const dossierDocument = (
  key: string,
  events: readonly Recorded[],
  places: Places,
): OfficialDocument | null => {
  const match = DOCUMENT_KEY.exec(key);
  if (!match || events.length === 0) return null;
  const opened = events[0].data as Opened;
  const n = namesOf(opened, places);
  const round = match[2] ? Number(match[2]) : 0;
  const issuerFor = (step: StepId | undefined) =>
    isDistrictStep(step) && n.districtCommittee ? n.districtCommittee : n.provinceCommittee;
  const placeFor = (step: StepId | undefined) =>
    isDistrictStep(step) && places.district
      ? capitalise(places.district.replace(/^(huyện|thành phố|thị xã) /i, ''))
      : places.province;

  switch (match[1] ?? match[3]) {
    case 'receipt': {
      const s = submissions(events).find((x) => x.round === round);
      if (!s) return null;
      const step = s.next?.step;
      const receiver = officer(s.event);
      const rows: string[][] = [
        ['Mã hồ sơ', n.code],
        [
          'Tên hồ sơ',
          `Hồ sơ đề nghị xét, công nhận ${n.communeFull} đạt chuẩn ${n.level} năm ${opened.year}`,
        ],
        ['Tổ chức nộp', `Ủy ban nhân dân ${n.commune}`],
        ['Lần nộp', s.round === 1 ? 'Lần đầu' : `Nộp lại sau khi bổ sung (vòng ${s.round})`],
        ['Thời điểm tiếp nhận', localDateTime(s.at)],
        [
          'Thành phần hồ sơ',
          `${s.documents} văn bản, ${s.evidence} tài liệu minh chứng (lưu trong hồ sơ điện tử)`,
        ],
        ['Bước xử lý tiếp theo', step ? stepLabels[step] : 'Không có'],
        [
          'Ngày hẹn trả kết quả bước này',
          s.next?.dueAt ? localDateTime(s.next.dueAt) : 'Không quy định thời hạn',
        ],
      ];
      return {
        issuer: { name: issuerFor(step) },
        number: `${n.code}-${s.round}/PTN`,
        place: placeFor(step),
        date: localDate(s.at),
        type: 'Phiếu tiếp nhận hồ sơ',
        summary: `Hồ sơ đề nghị xét, công nhận xã đạt chuẩn ${n.level}`,
        content: [
          {
            kind: 'paragraph',
            text: `${capitalise(issuerFor(step))} đã tiếp nhận hồ sơ của ${n.communeFull} như sau:`,
          },
          {
            kind: 'table',
            columns: [
              { header: 'Nội dung', share: 0.35 },
              { header: 'Thông tin', share: 0.65 },
            ],
            rows,
          },
          {
            kind: 'paragraph',
            italic: true,
            text: 'Tra cứu tình trạng giải quyết hồ sơ bằng mã hồ sơ trên Hệ thống hồ sơ xét, công nhận nông thôn mới.',
          },
        ],
        signature: { title: 'Người tiếp nhận', name: `${receiver.name} (${receiver.title})` },
        recipients: [`Ủy ban nhân dân ${n.commune}`, `Lưu: hồ sơ ${n.code}`],
      };
    }
    case 'return': {
      const r = returns(events).find((x) => x.data.round === round);
      if (!r) return null;
      const signer = officer(r.event);
      const criteria = new Map(
        (opened.procedure.criteria[opened.level as Level]?.criteria ?? []).map((c) => [c.number, c.name]),
      );
      // Reasons by criterion in the criteria's order, then those naming a document, then the general ones.
      const reasons = [...r.data.reasons].sort(
        (a, b) =>
          (a.criterion ?? 1000) - (b.criterion ?? 1000) || (a.document ?? '').localeCompare(b.document ?? ''),
      );
      const about = (x: (typeof reasons)[number]) =>
        x.criterion !== undefined
          ? `Tiêu chí số ${x.criterion}${criteria.has(x.criterion) ? ` - ${criteria.get(x.criterion)}` : ''}`
          : x.document
            ? `Văn bản: ${x.document}`
            : 'Nội dung chung của hồ sơ';
      const submitted = submissions(events)
        .filter((s) => s.round === r.data.round)
        .at(-1);
      const content: Block[] = [
        {
          kind: 'paragraph',
          text:
            `${submitted ? `Ngày ${localDate(submitted.at).split('-').reverse().join('/')}, ` : ''}` +
            `${capitalise(issuerFor(r.data.step))} nhận được hồ sơ đề nghị xét, công nhận ${n.communeFull} đạt chuẩn ${n.level} năm ${opened.year} (mã hồ sơ ${n.code}). ` +
            'Qua thẩm tra, hồ sơ chưa đủ điều kiện để trình cấp có thẩm quyền xem xét. ' +
            `${capitalise(issuerFor(r.data.step))} trả lại hồ sơ và đề nghị Ủy ban nhân dân ${n.commune} bổ sung, hoàn thiện các nội dung sau:`,
        },
        {
          kind: 'table',
          columns: [
            { header: 'STT', share: 0.08 },
            { header: 'Tiêu chí, văn bản', share: 0.34 },
            { header: 'Nội dung cần bổ sung, hoàn thiện', share: 0.58 },
          ],
          rows: reasons.map((x, i) => [String(i + 1), about(x), x.text]),
        },
        {
          kind: 'paragraph',
          text: r.next?.dueAt
            ? `Hồ sơ đã bổ sung, hoàn thiện gửi lại trước ${localDateTime(r.next.dueAt)}, trả lời lần lượt từng nội dung nêu trên.`
            : 'Hồ sơ đã bổ sung, hoàn thiện gửi lại kèm văn bản trả lời lần lượt từng nội dung nêu trên.',
        },
      ];
      return {
        issuer: { name: issuerFor(r.data.step) },
        number: `${n.code}-${r.data.round}/TL`,
        place: placeFor(r.data.step),
        date: localDate(r.data.returnedAt),
        type: null,
        summary: `V/v trả hồ sơ đề nghị xét, công nhận ${n.commune} đạt chuẩn ${n.level} để bổ sung, hoàn thiện`,
        addressees: [`Ủy ban nhân dân ${n.commune}`],
        content,
        signature: { title: signer.title, name: signer.name },
        recipients: ['Như trên', `Lưu: hồ sơ ${n.code}`],
      };
    }
    case 'decision': {
      const g = events.map((e) => as(e, 'RecognitionGranted')).find(Boolean);
      if (!g) return null;
      const set = opened.procedure.criteria[opened.level as Level];
      return {
        issuer: { name: n.provinceCommittee },
        number: g.decisionNumber,
        place: places.province,
        date: g.decidedOn,
        type: 'Quyết định',
        summary: `Về việc công nhận ${n.communeFull} đạt chuẩn ${n.level} năm ${opened.year}`,
        authority: `Chủ tịch ${n.provinceCommittee}`,
        content: [
          { kind: 'paragraph', italic: true, text: 'Căn cứ Luật Tổ chức chính quyền địa phương;' },
          { kind: 'paragraph', italic: true, text: `Căn cứ ${opened.procedure.legalBasis};` },
          ...(set ? [{ kind: 'paragraph' as const, italic: true, text: `Căn cứ ${set.source};` }] : []),
          {
            kind: 'paragraph',
            italic: true,
            text: `Xét hồ sơ đề nghị xét, công nhận (mã hồ sơ ${n.code}) và kết quả thẩm định của Hội đồng thẩm định tỉnh.`,
          },
          { kind: 'centred', text: 'QUYẾT ĐỊNH:' },
          {
            kind: 'paragraph',
            lead: 'Điều 1.',
            text: `Công nhận ${n.communeFull} đạt chuẩn ${n.level} năm ${opened.year}.`,
          },
          {
            kind: 'paragraph',
            lead: 'Điều 2.',
            text: `Ủy ban nhân dân ${n.commune} có trách nhiệm duy trì, nâng cao chất lượng các tiêu chí đã đạt.`,
          },
          {
            kind: 'paragraph',
            lead: 'Điều 3.',
            text: `Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng ${n.provinceCommittee}, Thủ trưởng các cơ quan, đơn vị có liên quan và Chủ tịch Ủy ban nhân dân ${n.commune} chịu trách nhiệm thi hành Quyết định này.`,
          },
        ],
        signature: { title: 'Chủ tịch', name: g.signer.name ?? g.signer.id },
        recipients: ['Như Điều 3', `Ủy ban nhân dân ${n.commune}`, `Lưu: VT, hồ sơ ${n.code}`],
      };
    }
    case 'refusal': {
      const f = events.map((e) => as(e, 'RecognitionRefused')).find(Boolean);
      if (!f) return null;
      return {
        issuer: { name: n.provinceCommittee },
        number: f.decisionNumber ?? `${n.code}/KCN`,
        place: places.province,
        date: f.decidedOn,
        type: null,
        summary: `V/v không công nhận ${n.commune} đạt chuẩn ${n.level} năm ${opened.year}`,
        addressees: [`Ủy ban nhân dân ${n.commune}`],
        content: [
          {
            kind: 'paragraph',
            text: `Xét hồ sơ đề nghị xét, công nhận ${n.communeFull} đạt chuẩn ${n.level} năm ${opened.year} (mã hồ sơ ${n.code}), Chủ tịch ${n.provinceCommittee} không công nhận ${n.commune} đạt chuẩn ${n.level} năm ${opened.year}, vì các lý do sau:`,
          },
          ...f.reasons.map((v, i): Block => ({
            kind: 'paragraph',
            text: `${i + 1}. ${v.criterion !== undefined ? `Tiêu chí số ${v.criterion}: ` : ''}${v.message}`,
          })),
          {
            kind: 'paragraph',
            text: `Ủy ban nhân dân ${n.commune} tiếp tục hoàn thiện các tiêu chí, điều kiện nêu trên để đề nghị xét, công nhận khi đủ điều kiện.`,
          },
        ],
        signature: {
          onBehalfOf: 'TM. Ủy ban nhân dân',
          title: 'Chủ tịch',
          name: f.signer.name ?? f.signer.id,
        },
        recipients: ['Như trên', `Lưu: VT, hồ sơ ${n.code}`],
      };
    }
    default:
      return null;
  }
};

/** The file a document downloads as, e.g. "06-2026-0001-quyet-dinh-cong-nhan.pdf". */
export const documentFileName = (code: string, key: string): string => {
  const names: Record<string, string> = {
    receipt: 'phieu-tiep-nhan',
    return: 'tra-ho-so',
    decision: 'quyet-dinh-cong-nhan',
    refusal: 'khong-cong-nhan',
  };
  const [kind, round] = key.split('-');
  return `${fileSlug(code)}-${names[kind] ?? 'van-ban'}${round ? `-${round}` : ''}.pdf`;
};
