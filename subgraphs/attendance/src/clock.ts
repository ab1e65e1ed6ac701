/**
 * Where check-in times come from: the server's clock, never the client's. Tests replace `now` to check
 * in at chosen instants (the hub runs in the test's process).
 */
export const clock = {
  now: (): Date => new Date(),
};
