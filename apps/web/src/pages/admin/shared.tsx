import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { levelLabels } from '../../labels';

/** The administrator's sections, as the home page and the section menu name them. */
export const SECTIONS = [
  {
    to: '/quan-tri/bo-tieu-chi',
    name: 'Bộ tiêu chí',
    text: 'Các bộ tiêu chí đang có; nạp bộ tiêu chí mới hoặc phiên bản mới.',
  },
  {
    to: '/quan-tri/quy-trinh-tinh',
    name: 'Quy trình của tỉnh',
    text: 'Quy trình nội bộ của từng tỉnh: thời hạn, người thực hiện từng bước.',
  },
  {
    to: '/quan-tri/lich-nghi',
    name: 'Lịch nghỉ lễ, Tết',
    text: 'Ngày nghỉ lễ, Tết và ngày làm bù của từng năm, dùng để tính thời hạn.',
  },
  {
    to: '/quan-tri/xu-ly-du-lieu',
    name: 'Tình trạng xử lý dữ liệu',
    text: 'Các tiến trình cập nhật danh sách, báo cáo; tiến trình dừng vì lỗi.',
  },
] as const;

/** A screen of the administrator: the section menu, then its title. */
export const AdminPage = ({ title, children }: { title: string; children: ReactNode }) => (
  <>
    <nav
      aria-label="Quản trị hệ thống"
      style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}
    >
      <Link to="/quan-tri">Quản trị hệ thống</Link>
      {SECTIONS.map((s) => (
        <NavLink key={s.to} to={s.to} style={({ isActive }) => (isActive ? { fontWeight: 600 } : undefined)}>
          {s.name}
        </NavLink>
      ))}
    </nav>
    <h1 style={{ fontSize: 26, marginTop: 0 }}>{title}</h1>
    {children}
  </>
);

/** The projections and background processes, with the parked ones (GET /api/v1/admin/projections). */
export const useProjections = () =>
  useQuery({
    queryKey: ['admin', 'projections'],
    queryFn: () => unwrap(api.GET('/api/v1/admin/projections')),
  });

export type ListedCheckpoint = components['schemas']['ListedCheckpoint'];

/** A build a newer one replaced: nothing runs it any more, so its state (even a park) asks nothing of anyone. */
export const isReplaced = (p: ListedCheckpoint): boolean => p.build === 'replaced';

/** A job in service that stopped on an event it could not apply: the administrator has to act. */
export const isStopped = (p: ListedCheckpoint): boolean => p.status === 'parked' && !isReplaced(p);

type CriteriaSetFacts = Pick<components['schemas']['CriteriaSetSummary'], 'scope' | 'period' | 'levels'>;

/** Where a criteria set applies, its period and the levels it serves, in one line. */
export const criteriaSetFacts = (s: CriteriaSetFacts): string =>
  [
    s.scope.kind === 'national' ? 'Toàn quốc' : `Tỉnh mã ${s.scope.provinceCode}`,
    `giai đoạn ${s.period}`,
    s.levels.map((l) => levelLabels[l]).join(', '),
  ].join('; ');
