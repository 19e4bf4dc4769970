// What the territory screens share: the register's words, and one command hook that reloads what it changed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Tag } from 'antd';
import { newActionKey } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate } from '../../labels';

type Schemas = components['schemas'];
export type ProvinceUnits = Schemas['ProvinceUnits'];
export type UnitStatus = Schemas['UnitStatus'];
export type CommuneRecord = Schemas['CommuneLineageView'];
export type LineageRecord = Schemas['LineageRecord'];

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

let lastPosition: string | undefined;
/** The position of this user's last change of the register: the unit list waits until it has seen it. */
export const readAfterWrite = (): { minPosition?: string } =>
  lastPosition ? { minPosition: lastPosition } : {};

/**
 * Sends one command (a fresh Idempotency-Key per action), shows its success, then reloads the register's lists
 * (the emulation screens' commune lists too) at the position the command answered.
 */
export const useTerritoryCommand = <V, A extends { position?: string | null }>(
  send: (values: V, header: { 'Idempotency-Key': string }) => Promise<A>,
  success: string,
  after?: (answer: A) => void,
) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (values: V) => send(values, { 'Idempotency-Key': newActionKey() }),
    onSuccess: (answer) => {
      void message.success(success);
      if (answer.position) lastPosition = answer.position;
      void queryClient.invalidateQueries({ queryKey: ['territory'] });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
      after?.(answer);
    },
  });
};
