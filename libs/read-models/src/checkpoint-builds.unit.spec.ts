import type { Checkpoint } from './runner/checkpoints';
import type { VersionsRow } from './catalog';
import { listCheckpoints } from './checkpoint-builds';

const checkpoint = (name: string, label: string | null): Checkpoint => ({
  name,
  label,
  position: '',
  status: 'running',
  lastError: null,
  failedPosition: null,
  attempts: 0,
  updatedAt: new Date('2026-12-02T10:00:00Z'),
});

describe('listCheckpoints: where each checkpoint’s build stands', () => {
  // Given: dossier-board rebuilt twice (v1 retired when v1_2 went live; v1_3 being built), v0 left from long ago.
  const versions: VersionsRow[] = [
    {
      projection: 'dossier-board',
      live: { version: 1, build: 2 },
      building: { version: 1, build: 3 },
      retired: { version: 1, build: 1 },
    },
    { projection: 'survey-stats', live: { version: 2, build: 1 }, building: null, retired: null },
  ];
  const listed = listCheckpoints(
    [
      checkpoint('dossier-board@v0', null),
      checkpoint('dossier-board@v1', null),
      checkpoint('dossier-board@v1_2', 'Bảng theo dõi hồ sơ'),
      checkpoint('dossier-board@v1_3', 'Bảng theo dõi hồ sơ'),
      checkpoint('survey-stats@v2', 'Thống kê phiếu khảo sát'),
      checkpoint('survey-stats@v1', 'Thống kê phiếu khảo sát'),
      checkpoint('pm:commune-record', 'Ghi công nhận vào hồ sơ của xã'),
      checkpoint('gone-projection@v4', null),
    ],
    versions,
  );
  const byName = new Map(listed.map((c) => [c.name, c]));

  it('marks the live build, the build in progress, and every build a newer one replaced', () => {
    expect(listed.map((c) => [c.name, c.build])).toEqual([
      ['dossier-board@v0', 'replaced'],
      ['dossier-board@v1', 'replaced'],
      ['dossier-board@v1_2', 'live'],
      ['dossier-board@v1_3', 'building'],
      ['survey-stats@v2', 'live'],
      ['survey-stats@v1', 'replaced'],
      ['pm:commune-record', null],
      ['gone-projection@v4', null],
    ]);
  });

  it('gives a replaced build without a label its projection’s label, and keeps every other label', () => {
    expect(byName.get('dossier-board@v0')?.label).toBe('Bảng theo dõi hồ sơ');
    expect(byName.get('pm:commune-record')?.label).toBe('Ghi công nhận vào hồ sơ của xã');
    expect(byName.get('gone-projection@v4')?.label).toBeNull();
  });
});
