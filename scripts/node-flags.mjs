// V8 heap limits for the API and worker processes, wherever they are started (npm start, the
// benchmarks; the Dockerfile and docker-compose.yml set the same through NODE_OPTIONS). Without
// a limit V8 lets the heap grow far past what the processes hold while they are busy (the API's
// peak RSS was 250–310 MB under an enrolment storm). 192 MB of old space is several times what
// either process keeps alive, imports included.
//
// The young generation differs: every API request allocates and drops a few hundred objects,
// and a scavenge's cost is what survives it, so a larger semi-space means fewer scavenges for
// the same survivors. With 32 MB the API spent 10–30 % less CPU per enrolment than with 8 MB
// (peak RSS 214 MB against 166 MB, 1,000-learner storms); the worker gained nothing measurable
// (certificate bursts) and keeps 8 MB.
const OLD_SPACE = '--max-old-space-size=192';

/** The flags for `script` (a path under dist/apps/), or none for anything else. */
export function heapFlagsFor(script) {
  if (script.includes('apps/api/')) return [OLD_SPACE, '--max-semi-space-size=32'];
  if (script.includes('apps/worker/')) return [OLD_SPACE, '--max-semi-space-size=8'];
  return [];
}
