// What the ledger's screens share: amounts as the commune writes them, and the reads that follow a write.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { commandFamily } from '../../api/commands';
import type { components } from '../../api/schema';

export type DebtEntry = components['schemas']['DebtEntry'];
export type DebtLedger = components['schemas']['CommuneDebtsView'];

/**
 * A write reloads the commune's ledger and the province's list; the list is a read model, so it is asked at the
 * write's position (`readAfterWrite`) and shows the change as soon as it is read again.
 */
const debtCommands = commandFamily([['construction-debts']]);
export const readAfterWrite = debtCommands.readAfterWrite;
export const useDebtWrite = debtCommands.useAfterWrite;

/** The commune's ledger, read from its own record (not a read model): a write shows on the next read. */
export const useLedger = (communeCode: string) =>
  useQuery({
    queryKey: ['construction-debts', 'commune', communeCode],
    enabled: communeCode !== '',
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/communes/{communeCode}/construction-debts', { params: { path: { communeCode } } }),
      ),
  });
