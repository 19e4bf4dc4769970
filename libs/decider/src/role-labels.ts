// Type imports only: the web app prints these too, from this file.
import type { Role } from './actor';

/** Each role as a sentence names it mid-way ("Vai trò cán bộ UBND xã không được…"). */
export const roleLabels: Readonly<Record<Role, string>> = {
  commune_officer: 'cán bộ UBND xã',
  front_officer: 'cán bộ Mặt trận Tổ quốc xã',
  district_officer: 'cán bộ UBND huyện',
  province_officer: 'cán bộ cấp tỉnh',
  council_member: 'thành viên Hội đồng thẩm định',
  chairman: 'Chủ tịch UBND tỉnh',
  emulation_secretary: 'thư ký Hội đồng Thi đua - Khen thưởng',
  emulation_member: 'thành viên Hội đồng Thi đua - Khen thưởng',
  admin: 'quản trị hệ thống',
  system: 'hệ thống',
};

/** A role as a heading, a list or a table cell names it: its label with a capital first letter. */
export const roleTitle = (role: string): string => {
  const label = roleLabels[role as Role] as string | undefined;
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : role;
};
