/** Orchestrators (docker, systemd, npm start) wait 30 s after SIGTERM before they kill. */
export const SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * A graceful shutdown is a wish, the deadline a promise: if closing hangs (an SMTP server
 * that never answers, Redis that accepts but never replies), the process still exits before
 * the orchestrator's kill. Work cut short is not lost: jobs stall and are re-run, and every
 * side effect is claimed in PostgreSQL first. The timer is unref'd so it never keeps a
 * finished process alive.
 */
export function exitWithinDeadline(name: string, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      process.stderr.write(`${name}: graceful shutdown after ${signal} took over ${deadlineMs} ms; exiting now\n`);
      process.exit(1);
    }, deadlineMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
  // Redis or PostgreSQL dropping connections while we close must not print a crash.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`${name}: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  });
}
