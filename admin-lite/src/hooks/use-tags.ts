import { listTags, type TagRow } from '../services/tags.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

export function useTags(orgId: string): AsyncState<TagRow[]> {
  return useAsync(() => listTags(orgId), [orgId]);
}
