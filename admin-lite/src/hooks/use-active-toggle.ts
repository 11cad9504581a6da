import { useAction } from './use-action.ts';

/**
 * Activates or deactivates a row: `save` writes the flipped `active`, and
 * `onToggled` hears the flag the database now holds. `busy` and `error` as
 * useAction gives them.
 */
export function useActiveToggle<T extends { active: boolean }>(save: (row: T, active: boolean) => Promise<{ active: boolean }>, onToggled: (active: boolean, row: T) => void) {
  const action = useAction((row: T) => save(row, !row.active));
  const run = async (row: T) => {
    const outcome = await action.run(row);
    if (outcome.ok) onToggled(outcome.value.active, row);
  };
  return { run, busy: action.busy, error: action.error };
}
