// A mail sink in a process of its own (not a benchmark: no `.bench` in its name), for a
// baseline whose CPU is read with process.cpuUsage(): the sink's work must not count in it.
// Tells its parent the sink's URL, then how many mails arrived, every 200 ms.
import { startMailSink } from './deployed.mjs';

const sink = await startMailSink();
process.send({ url: sink.url });
setInterval(() => process.send({ received: sink.received() }), 200);
