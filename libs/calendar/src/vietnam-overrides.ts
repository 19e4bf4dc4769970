import type { CalendarOverrides } from './types';

/**
 * The government's announced days off for state agencies (cán bộ, công chức, viên chức), which the law leaves to
 * a yearly decision: where the five Tết days fall, which day sits next to 2/9, and swaps of a weekday off for a
 * Saturday worked.
 *
 * What date-holidays 3.x returns for 'VN' (type 'public', checked by running it for 2024-2027):
 * - Tết Dương lịch 1/1; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; Quốc khánh 2/9 only;
 * - Tết Nguyên Đán as five days from the eve (Giao thừa) to mùng 4, e.g. 28/1-1/2/2025, 9/2-13/2/2024;
 * - no second Quốc khánh day (Bộ luật Lao động 2019, Art. 112: 2/9 and one day next to it), no compensatory days
 *   for a holiday on a weekend (Art. 111(3)), and none of the yearly swaps.
 * The calendar adds the second Quốc khánh day (1/9 by default) and the Art. 111(3) compensatory days itself;
 * the periods below replace those defaults where the government decided otherwise.
 */
export const VIETNAM_OVERRIDES: CalendarOverrides = {
  daysOff: [
    // 2024. Tết: date-holidays has 9/2-13/2 (Sat 10 and Sun 11 inside it); the announcement moved the two
    // compensatory days to 8/2 (29 tháng Chạp) and 14/2 (mùng 5), not after the block.
    {
      from: '2024-02-08',
      to: '2024-02-14',
      name: 'Nghỉ Tết Nguyên Đán',
      source: 'Bộ LĐTB&XH, thông báo lịch nghỉ Tết Âm lịch và Quốc khánh 2024',
    },
    // 2024. 30/4 (Tue) and 1/5 (Wed): Mon 29/4 off, worked on Sat 4/5 (see workingDays).
    {
      from: '2024-04-27',
      to: '2024-05-01',
      name: 'Nghỉ lễ 30/4 và 1/5 (hoán đổi ngày làm việc)',
      source: 'Công văn 2450/VPCP-KGVX ngày 12/4/2024',
    },
    // 2024. 2/9 is a Monday: the second day is Tue 3/9, not the default 1/9 (a Sunday).
    {
      from: '2024-08-31',
      to: '2024-09-03',
      name: 'Nghỉ lễ Quốc khánh',
      source: 'Bộ LĐTB&XH, thông báo lịch nghỉ Tết Âm lịch và Quốc khánh 2024',
    },
    // 2025. Tết: date-holidays has 28/1-1/2 (Sat 1/2 inside it), which misses Mon 27/1 and would give a
    // compensatory Mon 3/2 that was in fact a working day.
    {
      from: '2025-01-25',
      to: '2025-02-02',
      name: 'Nghỉ Tết Nguyên Đán',
      source: 'Bộ LĐTB&XH, thông báo lịch nghỉ Tết Âm lịch 2025',
    },
    // 2025. 30/4 (Wed) and 1/5 (Thu): Fri 2/5 off, worked on Sat 26/4 (see workingDays).
    {
      from: '2025-04-30',
      to: '2025-05-04',
      name: 'Nghỉ lễ 30/4 và 1/5 (hoán đổi ngày làm việc)',
      source: 'Thủ tướng đồng ý đề xuất của Bộ LĐTB&XH về lịch nghỉ 30/4 và 1/5/2025',
    },
    // 2025. 2/9 is a Tuesday; the second day is Mon 1/9 (the default gives the same; kept as the announced record).
    {
      from: '2025-08-30',
      to: '2025-09-02',
      name: 'Nghỉ lễ Quốc khánh',
      source: 'Bộ LĐTB&XH, thông báo lịch nghỉ Tết Âm lịch và Quốc khánh 2025',
    },
    // 2026. Tết Dương lịch (Thu 1/1): Fri 2/1 off, worked on Sat 10/1 (see workingDays).
    {
      from: '2026-01-01',
      to: '2026-01-04',
      name: 'Nghỉ Tết Dương lịch (hoán đổi ngày làm việc)',
      source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
    },
    // 2026. Tết: 16/2-20/2 (Mon-Fri), which date-holidays gets right; the weekends around it make nine days.
    {
      from: '2026-02-14',
      to: '2026-02-22',
      name: 'Nghỉ Tết Nguyên Đán',
      source: 'Bộ Nội vụ, lịch nghỉ Tết Âm lịch 2026 (Thủ tướng đồng ý)',
    },
    // 2026. Quốc khánh on Tue 1/9 and Wed 2/9, Mon 31/8 off, worked on Sat 22/8 (see workingDays); RULES-2026.md
    // §3 [V].
    {
      from: '2026-08-29',
      to: '2026-09-02',
      name: 'Nghỉ lễ Quốc khánh (hoán đổi ngày làm việc)',
      source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
    },
  ],
  workingDays: [
    {
      date: '2024-05-04',
      reason: 'Làm bù cho thứ Hai 29/4/2024',
      source: 'Công văn 2450/VPCP-KGVX ngày 12/4/2024',
    },
    {
      date: '2025-04-26',
      reason: 'Làm bù cho thứ Sáu 2/5/2025',
      source: 'Thủ tướng đồng ý đề xuất của Bộ LĐTB&XH về lịch nghỉ 30/4 và 1/5/2025',
    },
    {
      date: '2026-01-10',
      reason: 'Làm bù cho thứ Sáu 2/1/2026',
      source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
    },
    {
      date: '2026-08-22',
      reason: 'Làm bù cho thứ Hai 31/8/2026',
      source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
    },
  ],
};
