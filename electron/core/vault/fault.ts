/**
 * Crash-injection points for the rotation tests: when COFFER_FAULT_AT names this step, the
 * process kills itself with SIGKILL, a real crash (no finally blocks, no exit handlers). Unset in
 * normal use, this is a string comparison.
 */
export function faultPoint(step: string): void {
  if (process.env.COFFER_FAULT_AT === step) process.kill(process.pid, 'SIGKILL');
}
