// A journey drives a real browser through the real stack, with mail and certificates made by
// the worker on the way: more than the 60 s a unit or e2e test gets, on a busy CI machine.
jest.setTimeout(150_000);
