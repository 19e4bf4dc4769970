import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { api, unwrap } from '../api/client';
import { useAuth } from '../auth';
import { stepLabels, statusLabels } from '../labels';
import { searchByName } from '../search';

/** The programme's periods (Decision 263/2022/QĐ-TTg, then Decision 51/2025/QĐ-TTg): the criteria sets' periods. */
export const PERIODS = ['2021-2025', '2026-2030'] as const;
export type Period = (typeof PERIODS)[number];
const LAST_YEAR = 2030;
/**
 * The years a dossier of a criteria period can be of: from the period's first year on (a 2021-2025 dossier opened
 * on 10/02/2026 is of 2026); every year of the programme without one.
 */
export const yearsOf = (criteriaPeriod: Period | undefined): number[] => {
  const from = Number((criteriaPeriod ?? PERIODS[0]).slice(0, 4));
  return Array.from({ length: LAST_YEAR - from + 1 }, (_, i) => from + i);
};

/** '' stands for "all" in the selects (a placeholder would be too pale to read). */
const ANY = '';

/**
 * Two facts of a dossier, chosen apart: the period of the criteria set it is judged under (recorded when it was
 * opened) and its year. Never a period derived from a year.
 */
export interface PeriodYear {
  criteriaPeriod?: Period;
  year?: number;
}

/** One filter of a bar: a labelled select whose first option, '' (`all`), chooses nothing. */
export const FilterSelect = ({
  label,
  id,
  width = 220,
  value,
  onChange,
  all,
  options,
  search = false,
}: {
  label: string;
  id: string;
  width?: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  all: string;
  options: readonly { value: string; label: string }[];
  /** Typing finds an option by its name, diacritics optional (long lists: communes). */
  search?: boolean;
}) => (
  <Form.Item label={label} htmlFor={id}>
    <Select
      id={id}
      style={{ width }}
      showSearch={search ? searchByName : undefined}
      value={value ?? ANY}
      onChange={(v: string) => onChange(v === ANY ? undefined : v)}
      options={[{ value: ANY, label: all }, ...options]}
    />
  </Form.Item>
);

/** The criteria period and the year; a year before a newly chosen period goes with the change. */
export const PeriodYearItems = ({
  value,
  onChange,
}: {
  value: PeriodYear;
  onChange: (patch: PeriodYear) => void;
}) => (
  <>
    <FilterSelect
      label="Giai đoạn bộ tiêu chí"
      id="loc-giai-doan"
      width={190}
      value={value.criteriaPeriod}
      onChange={(v) => {
        const criteriaPeriod = v as Period | undefined;
        onChange({
          criteriaPeriod,
          year: yearsOf(criteriaPeriod).includes(value.year ?? 0) ? value.year : undefined,
        });
      }}
      all="Tất cả các giai đoạn"
      options={PERIODS.map((p) => ({ value: p, label: p }))}
    />
    <FilterSelect
      label="Năm"
      id="loc-nam"
      width={170}
      value={value.year === undefined ? undefined : String(value.year)}
      onChange={(v) => onChange({ year: v === undefined ? undefined : Number(v) })}
      all="Tất cả các năm"
      options={yearsOf(value.criteriaPeriod).map((y) => ({ value: String(y), label: String(y) }))}
    />
  </>
);

/** A select's options from a map of labels. */
const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The communes and former districts of the user's area (the server narrows them), for the area filters. */
export const useAreaUnits = (enabled = true) => {
  const units = useQuery({
    queryKey: ['reports', 'standings', 'units'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/reports/standings', { params: { query: {} } })),
  });
  return {
    communes: units.data?.data.communes ?? [],
    districts: (units.data?.data.summary ?? []).filter((s) => s.districtCode !== null),
    error: units.error,
  };
};

/** The filters of a list of dossiers; the list and its Excel file take the same. */
export interface DossierFilters extends PeriodYear {
  status?: string;
  step?: string;
  commune?: string;
}

/** The query string of a list: only the filters set. */
export const queryOf = <F extends object>(f: F): Record<string, string | number> =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Record<string, string | number>;

/** A file route with the list's filters. */
export const withQuery = (url: string, query: Record<string, string | number>): string => {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `${url}?${qs}` : url;
};

/**
 * The filter bar of a list of dossiers: status, step, commune (by name, diacritics optional; not for a
 * commune's own officers), criteria period and year. `fields` leaves out what a screen does not need.
 */
export const DossierFilterBar = ({
  value,
  onChange,
  fields = ['status', 'step', 'commune', 'period'],
}: {
  value: DossierFilters;
  onChange: (next: DossierFilters) => void;
  fields?: readonly ('status' | 'step' | 'commune' | 'period')[];
}) => {
  const { user } = useAuth();
  const byCommune = fields.includes('commune') && user?.communeCode === undefined;
  const { communes } = useAreaUnits(byCommune);
  const set = (patch: Partial<DossierFilters>) => onChange({ ...value, ...patch });
  return (
    <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} aria-label="Bộ lọc danh sách">
      {fields.includes('status') && (
        <FilterSelect
          label="Tình trạng"
          id="loc-tinh-trang"
          width={230}
          value={value.status}
          onChange={(status) => set({ status })}
          all="Tất cả"
          options={optionsOf(statusLabels)}
        />
      )}
      {fields.includes('step') && (
        <FilterSelect
          label="Bước"
          id="loc-buoc"
          width={230}
          value={value.step}
          onChange={(step) => set({ step })}
          all="Tất cả các bước"
          options={optionsOf(stepLabels)}
        />
      )}
      {byCommune && (
        <FilterSelect
          label="Xã"
          id="loc-xa"
          value={value.commune}
          onChange={(commune) => set({ commune })}
          all="Tất cả các xã"
          options={communes.map((c) => ({ value: c.communeCode, label: c.communeName }))}
          search
        />
      )}
      {fields.includes('period') && <PeriodYearItems value={value} onChange={set} />}
    </Form>
  );
};
