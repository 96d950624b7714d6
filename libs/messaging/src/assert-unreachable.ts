/** Ends an exhaustive switch: a new member of the union then fails the build here. */
export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
