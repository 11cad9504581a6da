import { useCallback, useState, type DependencyList } from 'react';
import { useAction, type ActionOutcome, type ActionState } from './use-action.ts';
import { useAsync, type AsyncState } from './use-async.ts';

const noRemove = (): Promise<never> => Promise.reject(new Error('this list has no delete'));

export interface CrudListState<T, D> {
  list: AsyncState<T[]>;
  /** The open dialog (create / edit / delete…), undefined when none is open. */
  dialog: D | undefined;
  setDialog: (dialog: D | undefined) => void;
  close: () => void;
  /** The last success message, when the list keeps its own (no `onMessage`). */
  message: string | undefined;
  /** Says `text` and loads the list again. */
  refresh: (text: string) => void;
  /** Closes the dialog, says `text` and loads the list again (after a save). */
  done: (text: string) => void;
  remove: ActionState<[T], unknown>;
  /**
   * Deletes `row`; on success closes the dialog, says `text` and reloads.
   * A failure closes the dialog (the page shows `remove.error`) unless
   * `keepOpenOnError`, where the dialog stays to show it.
   */
  removeRow: (row: T, text: string, options?: { keepOpenOnError?: boolean }) => Promise<ActionOutcome<unknown>>;
  /** Cancels a delete dialog that shows its own error: clears it and closes. */
  cancelRemove: () => void;
}

/**
 * The scaffolding of a list page or section: the rows (load, reload, error),
 * the open dialog, the success message (kept here, or handed to `onMessage`)
 * and the delete action (when the rows can be deleted).
 */
export function useCrudList<T, D>(
  load: () => Promise<T[]>,
  deps: DependencyList,
  { remove: removeRow, onMessage }: { remove?: (row: T) => Promise<unknown>; onMessage?: (message: string) => void },
): CrudListState<T, D> {
  const list = useAsync(load, deps);
  const [dialog, setDialog] = useState<D>();
  const [message, setMessage] = useState<string>();
  const remove = useAction(removeRow ?? noRemove);
  const close = useCallback(() => setDialog(undefined), []);
  const say = onMessage ?? setMessage;

  const refresh = (text: string) => {
    say(text);
    list.reload();
  };
  const done = (text: string) => {
    setDialog(undefined);
    refresh(text);
  };
  const runRemove = async (row: T, text: string, { keepOpenOnError = false } = {}) => {
    const outcome = await remove.run(row);
    if (outcome.ok) done(text);
    else if (!keepOpenOnError) setDialog(undefined);
    return outcome;
  };
  const cancelRemove = () => {
    remove.reset();
    setDialog(undefined);
  };

  return { list, dialog, setDialog, close, message, refresh, done, remove, removeRow: runRemove, cancelRemove };
}
