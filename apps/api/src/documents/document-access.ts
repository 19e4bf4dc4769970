import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { quoteIdent } from '@ntm/event-store';
import { DomainError, forbidden, invalid, NATIONAL_ROLES, ROLES, type Actor, type Role } from '@ntm/decider';
import { checkHash, documentReferences } from '@ntm/documents';
import { documentCitations, documentCitationsTable } from '@ntm/read-models';
import { ReadModels } from '../reports/read-models.service';

/** Roles that upload evidence: every role with an area (the national roles cite no documents). */
export const UPLOADER_ROLES: readonly Role[] = ROLES.filter((r) => !NATIONAL_ROLES.includes(r));

/** An area as stored: '' for a level the area does not name (a province officer's upload names no commune). */
interface Area {
  readonly province: string;
  readonly district: string;
  readonly commune: string;
}

/** The reader's codes for the coverage query (null = not bound at that level), or null when a claim is malformed. */
const readerCodes = (actor: Actor): [string | null, string | null, string | null] | null => {
  const j = (actor?.jurisdiction ?? {}) as Record<string, unknown>;
  const codes = [j.provinceCode, j.districtCode, j.communeCode];
  // Fail closed: a code that is present but not a non-empty string reads nothing.
  if (codes.some((c) => c !== undefined && (typeof c !== 'string' || c === ''))) return null;
  return codes.map((c) => (c === undefined ? null : c)) as [string | null, string | null, string | null];
};

const POSITION = /^\d{20}-\d{20}$/;

const GRANTS_KEPT = 20_000;

/**
 * Who may read a document: an index in PostgreSQL of the areas that may. Two sources feed it: every upload
 * (the uploader's area, written here right after the content is stored) and every citation by a dossier,
 * nomination or emulation board (the `document-citations` projection, fed by the events). A reader may read a
 * document when their jurisdiction covers one of its areas, in the sense of `covers` in @ntm/decider: each code
 * the reader is bound to equals the area's code at that level.
 */
@Injectable()
export class DocumentAccess implements OnModuleInit {
  private readonly uploaders: string;
  /**
   * Reads found allowed, as `area/sha256`: no right to read is ever taken back (uploads and citations only add
   * areas, and a rebuilt index goes live only when whole), so a yes need not be asked again. A no always is.
   */
  private readonly granted = new LRUCache<string, true>({ max: GRANTS_KEPT });

  constructor(
    private readonly db: DataSource,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.uploaders = `${quoteIdent(config.schema)}.document_uploaders`;
  }

  async onModuleInit(): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `ntm-document-uploaders:${this.config.schema}`,
      ]);
      await m.query(`CREATE TABLE IF NOT EXISTS ${this.uploaders} (
        sha256 text NOT NULL,
        province_code text NOT NULL,
        district_code text NOT NULL,
        commune_code text NOT NULL,
        first_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sha256, province_code, district_code, commune_code))`);
    });
  }

  /** Refuses (403) a role that never uploads, and a malformed jurisdiction; answers the uploader's area. */
  uploaderArea(actor: Actor): Area {
    if (!actor || !UPLOADER_ROLES.includes(actor.role))
      throw forbidden('ROLE_NOT_ALLOWED', 'Vai trò của bạn không được tải lên tài liệu minh chứng');
    const codes = readerCodes(actor);
    if (!codes) throw forbidden('JURISDICTION_INVALID', 'Địa bàn phụ trách trong mã truy cập không hợp lệ');
    const [province, district, commune] = codes;
    return { province: province ?? '', district: district ?? '', commune: commune ?? '' };
  }

  /** Records that the uploader's area may read the document (the same bytes uploaded again add their area). */
  async grantUpload(sha256: string, area: Area): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.uploaders} (sha256, province_code, district_code, commune_code)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [sha256, area.province, area.district, area.commune],
    );
  }

  /**
   * The documents among `hashes` (lowercase) that the actor may read. `minPosition`, a command's position, waits
   * (bounded) until the citations of that command are indexed.
   */
  async readable(actor: Actor, hashes: readonly string[], minPosition?: string): Promise<Set<string>> {
    if (minPosition !== undefined && !POSITION.test(minPosition))
      throw invalid(
        'POSITION_INVALID',
        'Tham số minPosition không hợp lệ: dùng giá trị position do lệnh trả về',
        'minPosition',
      );
    const codes = readerCodes(actor);
    if (!codes || hashes.length === 0) return new Set();
    const area = codes.map((c) => c ?? '*').join('/');
    const readable = new Set<string>();
    const asked: string[] = [];
    for (const h of hashes) {
      if (this.granted.get(`${area}/${h}`)) readable.add(h);
      else asked.push(h);
    }
    if (asked.length === 0) return readable;
    const covered = `($2::text IS NULL OR province_code = $2) AND ($3::text IS NULL OR district_code = $3)
                     AND ($4::text IS NULL OR commune_code = $4)`;
    const query = (citations: string) =>
      `SELECT sha256 FROM ${this.uploaders} WHERE sha256 = ANY($1::text[]) AND ${covered}
       UNION
       SELECT sha256 FROM ${citations} WHERE sha256 = ANY($1::text[]) AND ${covered}`;
    const params = [asked, ...codes];
    // Without a position to wait for (a command citing evidence), one round trip.
    const rows: { sha256: string }[] =
      minPosition === undefined
        ? await this.readModels.queryLive(documentCitations, documentCitationsTable, query, params)
        : await this.db.query(
            query(
              (await this.readModels.view([documentCitations], minPosition)).table(
                documentCitations,
                documentCitationsTable,
              ),
            ),
            params,
          );
    for (const r of rows) {
      this.granted.set(`${area}/${r.sha256}`, true);
      readable.add(r.sha256);
    }
    return readable;
  }

  async mayRead(actor: Actor, sha256: string, minPosition?: string): Promise<boolean> {
    return (await this.readable(actor, [sha256], minPosition)).has(sha256);
  }

  /**
   * Evidence must be stored, and readable by the one who cites it, before an event may cite it: citing grants the
   * citing dossier's or nomination's area the right to read, so citing a hash one cannot read would be a way round
   * this index. Refuses the command naming every such document, in the same words whether it is missing or out of
   * reach.
   */
  async assertCitable(data: unknown, actor: Actor): Promise<void> {
    const refs = documentReferences(data).map((r) => ({ ...r, sha256: checkHash(r.sha256) }));
    if (refs.length === 0) return;
    const readable = await this.readable(actor, [...new Set(refs.map((r) => r.sha256))]);
    const missing = refs.filter((r) => !readable.has(r.sha256));
    if (missing.length === 0) return;
    throw new DomainError(
      'invalid',
      'DOCUMENT_NOT_FOUND',
      `Tài liệu chưa được tải lên hoặc không thuộc địa bàn bạn phụ trách: ${missing.map((m) => `${m.field} (${m.sha256.slice(0, 12)}…)`).join('; ')}. Hãy tải tài liệu lên trước (POST /api/v1/documents) rồi dẫn chiếu SHA-256`,
      missing.map((m) => ({
        code: 'DOCUMENT_NOT_FOUND',
        field: m.field,
        message: `Tài liệu ${m.sha256} ở trường '${m.field}' chưa được tải lên hoặc không thuộc địa bàn bạn phụ trách`,
      })),
    );
  }
}
