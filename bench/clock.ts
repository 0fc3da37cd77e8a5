/**
 * The benchmark's clock: CPU time of this process, in ms. On a machine shared with other work,
 * wall time also counts the time other processes hold the core; CPU time counts only ours.
 */
export function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
