import {
  DomainError,
  actorCoversProvince,
  requireRole as requireAnyRole,
  forbidden,
  roleLabels,
  ruleBroken,
  type Actor,
  type Role,
  type Violation,
} from '@ntm/decider';
import type { Board, BoardMember } from './types';

// Who may act: a role, a province, and for the board's work a seat on the board.

/** Fails closed: only a national role (admin, system) covers every province; an actor without a province, none. */
export const coversProvince = (actor: Actor, provinceCode: string): boolean =>
  actorCoversProvince(actor, provinceCode);

export const requireProvince = (actor: Actor, provinceCode: string): void => {
  if (!coversProvince(actor, provinceCode)) {
    throw forbidden('OUTSIDE_JURISDICTION', `Tỉnh mã ${provinceCode} nằm ngoài địa bàn phụ trách`);
  }
};

/** The commendation's wording of the one role check (libs/decider): who may, by name. */
export const requireRole = (actor: Actor, roles: readonly Role[], action: string): void =>
  requireAnyRole(
    actor,
    roles,
    () =>
      `Vai trò ${roleLabels[actor.role]} không được ${action}; chỉ ${roles.map((r) => roleLabels[r]).join(', ')}`,
  );

export const requireBoard = (board: Board | null): Board => {
  if (!board) throw ruleBroken('NO_BOARD', 'Tỉnh chưa thành lập Hội đồng Thi đua - Khen thưởng');
  return board;
};

/** Only the board's secretary, in person, opens reviews and maintains the movement's data. */
export const requireSecretary = (
  actor: Actor,
  board: Board | null,
  provinceCode: string,
  action: string,
): BoardMember => {
  requireRole(actor, ['emulation_secretary'], action);
  requireProvince(actor, provinceCode);
  const seat = requireBoard(board).members.find((m) => m.id === actor.id && m.role === 'secretary');
  if (!seat) {
    throw forbidden(
      'NOT_BOARD_SECRETARY',
      `${actor.name ?? actor.id} không phải Thư ký Hội đồng Thi đua - Khen thưởng của tỉnh`,
    );
  }
  return seat;
};

/** Collects every violation of a command's input before refusing it. */
export class Violations {
  private readonly list: Violation[] = [];

  add(code: string, message: string, field?: string): void {
    this.list.push({ code, message, ...(field ? { field } : {}) });
  }

  check(ok: boolean, code: string, message: string, field?: string): void {
    if (!ok) this.add(code, message, field);
  }

  /** Throws an error naming every problem, if any: 'invalid' for malformed input, 'rule' for the domain's rules. */
  throwIfAny(code: string, summary: string, kind: 'invalid' | 'rule' = 'invalid'): void {
    if (this.list.length > 0) {
      throw new DomainError(
        kind,
        code,
        `${summary}: ${this.list.map((v) => v.message).join('; ')}`,
        this.list,
      );
    }
  }
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
