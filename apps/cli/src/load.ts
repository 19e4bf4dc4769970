import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { CommandGateway, IdempotencyStore, openDatabase, type AppConfig } from '@ntm/application';
import { HOLIDAY_YEARS_STREAM, holidayYearsDecider } from '@ntm/calendar';
import { CRITERIA_SETS_STREAM, criteriaSetCatalogueDecider } from '@ntm/criteria';
import { DomainError } from '@ntm/decider';
import { createEventStore, quoteIdent } from '@ntm/event-store';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '@ntm/read-models';
import { provinceProcedureDecider, provinceProcedureStreamId, recognitionUpcasters } from '@ntm/recognition';
import { UNITS_STREAM, unitRegisterDecider, type UnitChange } from '@ntm/units';

/**
 * `criteria-set load <file>`, `holidays load <file>`, `province-procedure load <file>` and `units load <file>`:
 * the same deciders as the HTTP routes, so the same validation (a criteria set's and a holiday year's problems
 * name the file's lines) and the same events, with the operator recorded as the administrator who loaded it.
 * Returns the exit code.
 */
export const loadFile = async (
  config: AppConfig,
  kind: 'criteria-set' | 'holidays' | 'province-procedure' | 'units',
  file: string,
  log: (m: string) => void,
): Promise<number> => {
  const text = await readFile(file, 'utf8');
  const store = await createEventStore({
    kind: config.eventStore,
    connectionString: config.databaseUrl,
    schema: config.schema,
    eventStoreDbUrl: config.eventStoreDbUrl,
    upcasters: recognitionUpcasters,
  });
  const db = await openDatabase(config, { entities: READ_MODEL_ENTITIES, migrations: READ_MODEL_MIGRATIONS });
  try {
    const gateway = new CommandGateway(
      store,
      new IdempotencyStore(db, `${quoteIdent(config.schema)}.idempotency_keys`, store),
    );
    const context = {
      actor: { id: `cli:${userInfo().username}`, role: 'admin' as const, jurisdiction: {} },
      now: new Date(),
    };
    let outcome;
    if (kind === 'criteria-set') {
      outcome = await gateway.execute(
        {
          streamId: CRITERIA_SETS_STREAM,
          decider: criteriaSetCatalogueDecider,
          mustExist: false,
          noun: 'danh mục bộ tiêu chí',
          command: (metadata) => ({ type: 'LoadCriteriaSet' as const, data: { document: text }, metadata }),
        },
        context,
        null,
      );
    } else if (kind === 'holidays') {
      outcome = await gateway.execute(
        {
          streamId: HOLIDAY_YEARS_STREAM,
          decider: holidayYearsDecider,
          mustExist: false,
          noun: 'lịch nghỉ lễ, Tết',
          command: (metadata) => ({ type: 'LoadHolidayYear' as const, data: { document: text }, metadata }),
        },
        context,
        null,
      );
    } else {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (e) {
        log(`JSON không hợp lệ: ${(e as Error).message}`);
        return 1;
      }
      if (kind === 'units') {
        // { "changes": [...] }: the body of POST /api/v1/admin/units/changes, applied all or none.
        const changes = (document as { changes?: unknown } | null)?.changes;
        outcome = await gateway.execute(
          {
            streamId: UNITS_STREAM,
            decider: unitRegisterDecider,
            mustExist: false,
            noun: 'danh mục đơn vị hành chính',
            command: (metadata) => ({
              type: 'ChangeUnits' as const,
              data: { changes: changes as UnitChange[] },
              metadata,
            }),
          },
          context,
          null,
        );
        log(
          outcome.events.length > 0
            ? `Đã cập nhật danh mục đơn vị hành chính từ ${file}: ${outcome.events.length} thay đổi`
            : `${file}: danh mục đã có đủ, không ghi gì thêm`,
        );
        return 0;
      }
      const province = (document as { provinceCode?: unknown })?.provinceCode;
      if (typeof province !== 'string' || !/^\d{2}$/.test(province)) {
        log('Trường provinceCode: cần mã tỉnh 2 chữ số');
        return 1;
      }
      outcome = await gateway.execute(
        {
          streamId: provinceProcedureStreamId(province),
          decider: provinceProcedureDecider,
          mustExist: false,
          noun: 'quy trình của tỉnh',
          command: (metadata) => ({ type: 'LoadProvinceProcedure' as const, data: { document }, metadata }),
        },
        context,
        null,
      );
    }
    log(
      outcome.events.length > 0
        ? `Đã nạp ${file} vào ${outcome.streamId} (phiên bản luồng ${outcome.version})`
        : `${file}: nội dung đã có, không ghi gì thêm`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    log(`${e.code}: không nạp ${file}`);
    for (const v of e.violations.length ? e.violations : [{ message: e.message }]) log(`  - ${v.message}`);
    return 1;
  } finally {
    await db.destroy();
    await store.close();
  }
};
