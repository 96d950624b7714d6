// V8 heap limits for the API and worker processes, wherever they are started (npm start, the
// benchmarks; the Dockerfile sets the same through NODE_OPTIONS). Without a limit V8 lets the
// heap grow far past what the processes hold while they are busy (the API's peak RSS was
// 250–310 MB under an enrolment storm, 166 MB with these limits at the same throughput).
// 192 MB of old space is several times what either process keeps alive, imports included.
export const NODE_HEAP_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=8'];
