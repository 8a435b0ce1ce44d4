/** Keeps the thread busy for `ms` milliseconds, as a turn's synchronous part does. */
export function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}
