import { listCards, type CardRow } from '../services/cards.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

export function useCards(orgId: string): AsyncState<CardRow[]> {
  return useAsync(() => listCards(orgId), [orgId]);
}
