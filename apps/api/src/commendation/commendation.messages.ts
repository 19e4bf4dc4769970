import type { NominationCommandType, ProgrammeCommand, RegisterCommandType } from '@ntm/commendation';
import type { CommandHeaders } from '../http/request-context';

// Commands as they travel the CommandBus: the route chose the type, the body is its data. The handlers add
// what the shell reads from the event log (the board, the record, award types, nominations) before deciding.

export class ExecuteProgrammeCommand {
  constructor(
    readonly provinceCode: string,
    readonly type: ProgrammeCommand['type'],
    readonly data: Record<string, unknown>,
    readonly headers: CommandHeaders,
  ) {}
}

export class SubmitNominationCommand {
  constructor(
    readonly data: Record<string, unknown>,
    readonly headers: CommandHeaders,
  ) {}
}

export type NominationRouteCommand = Exclude<NominationCommandType, 'SubmitNomination' | 'RecordAward'>;

export class ExecuteNominationCommand {
  constructor(
    readonly nominationId: string,
    readonly type: NominationRouteCommand,
    readonly data: Record<string, unknown>,
    readonly headers: CommandHeaders,
  ) {}
}

export type RegisterRouteCommand = Exclude<RegisterCommandType, 'FlagAwardsForRevokedRecognition'>;

export class ExecuteRegisterCommand {
  constructor(
    readonly provinceCode: string,
    readonly type: RegisterRouteCommand,
    readonly data: Record<string, unknown>,
    readonly headers: CommandHeaders,
  ) {}
}
