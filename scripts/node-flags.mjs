// V8 heap limits for the API and worker processes, wherever they are started (npm start, the
// benchmarks; the Dockerfile sets the same through NODE_OPTIONS). Without a limit V8 lets the
// heap grow far past what the processes hold while they are busy (the API's peak RSS was
// 250–310 MB under an enrolment storm). 192 MB of old space is several times what either
// process keeps alive, imports included.
//
// The young generation: every API request and every certificate allocates and drops many
// objects, and a scavenge's cost is what survives it, so a larger semi-space means fewer
// scavenges for the same survivors. With 32 MB instead of 8 MB the API spent 10–30 % less CPU
// per enrolment (peak RSS 214 MB against 166 MB, 1,000-learner storms), and the worker issued
// ~8 % more certificates per CPU second (three alternating pairs of 1,000-certificate bursts,
// one worker and two; the bare render alone ran 10–15 % faster).
const FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=32'];

/** The flags for `script` (a path under dist/apps/), or none for anything else. */
export function heapFlagsFor(script) {
  return script.includes('apps/api/') || script.includes('apps/worker/') ? FLAGS : [];
}
