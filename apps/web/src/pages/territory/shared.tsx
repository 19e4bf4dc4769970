// What the territory screens share: the register's words, and their commands.
import { Tag } from 'antd';
import { commandFamily } from '../../api/commands';
import type { FormerName, UnitStatus } from '../../api/types';
import { formatDate } from '../../labels';

export type { CommuneRecord, FormerName, LineageRecord, ProvinceUnits, UnitStatus } from '../../api/types';

/** Where the unit list starts and the record screens sit. */
export const UNITS_PATH = '/don-vi-hanh-chinh';
export const recordPath = (communeCode: string) => `${UNITS_PATH}/xa/${communeCode}`;

export const unitStatusLabels: Record<UnitStatus, string> = {
  active: 'Đang hoạt động',
  merged: 'Đã sắp xếp',
  dissolved: 'Đã giải thể',
};

// Colours whose text passes the contrast check on their own background.
const unitStatusColors: Record<UnitStatus, string> = {
  active: 'green',
  merged: 'gold',
  dissolved: 'default',
};

export const UnitStatusTag = ({ status }: { status: UnitStatus }) => (
  <Tag color={unitStatusColors[status]}>{unitStatusLabels[status]}</Tag>
);

/** The act behind a change, as an officer cites it; a figure not checked against the official text says so. */
export const basisText = (basis: { number: string; issuedOn: string | null; unverified?: string | null }) =>
  `${basis.number}${basis.issuedOn ? ` ngày ${formatDate(basis.issuedOn)}` : ''}${
    basis.unverified ? ' (chưa đối chiếu văn bản chính thức)' : ''
  }`;

/** A unit's earlier names, each with the day the next took effect and the act that renamed it. */
const formerNameText = (f: FormerName) => {
  const when = [f.until && `đến ngày ${formatDate(f.until)}`, f.basis && `theo ${basisText(f.basis)}`].filter(
    Boolean,
  );
  return `${f.name}${when.length ? ` (${when.join(', ')})` : ''}`;
};

export const FormerNames = ({ names }: { names: readonly FormerName[] }) =>
  names.length > 0 && <div style={{ fontSize: 13 }}>Tên cũ: {names.map(formerNameText).join('; ')}</div>;

/**
 * The territory screens' commands; they reload the register's lists (the emulation screens' commune lists too) and
 * the records. `readAfterWrite`: the unit list waits until it has seen this user's last change of the register.
 */
const territoryCommands = commandFamily([['territory'], ['units']]);
export const useTerritoryCommand = territoryCommands.useCommand;
export const readAfterWrite = territoryCommands.readAfterWrite;
export const useTerritoryWrite = territoryCommands.useAfterWrite;
