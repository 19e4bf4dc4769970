import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

type Unit = { code: string; name: string | null };

/** "Tỉnh Bắc Kạn" after a comma is "tỉnh Bắc Kạn"; a code the register does not name shows as the code. */
const inLine = (unit: Unit, kind: string): string =>
  unit.name ? unit.name.charAt(0).toLocaleLowerCase('vi-VN') + unit.name.slice(1) : `${kind} mã ${unit.code}`;

/**
 * The signed-in user's own area, as the register of administrative units names it (GET /api/v1/me/area): their
 * commune, district (none under two-tier government) and province; "toàn quốc" for an account bound to none.
 */
export default function UserArea() {
  const area = useQuery({
    queryKey: ['me', 'area'],
    queryFn: () => unwrap(api.GET('/api/v1/me/area')),
    staleTime: Infinity,
  });
  if (!area.data) return null;
  const { commune, district, province } = area.data;
  const parts = [
    commune && inLine(commune, 'xã'),
    district && inLine(district, 'huyện'),
    // A province merged into another in 2025 (the account still carries its old code): where it belongs today.
    province && inLine(province, 'tỉnh') + (province.now ? ` (nay là ${inLine(province.now, 'tỉnh')})` : ''),
  ].filter(Boolean);
  const text = parts.length ? parts.join(', ') : 'toàn quốc';
  // The header may cut it short (a commune, its former district and a merged province): whole in the title.
  return <span title={text}> · {text}</span>;
}
