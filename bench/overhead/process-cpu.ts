// CPU time of a browser and every process under it, by kind, from Linux's /proc: what V8's sampling profiler cannot
// see (the browser process routing extension messages and webRequest events, the network service, native code in
// any renderer), so a configuration's whole cost can be told apart from its JavaScript. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const HZ = 100;

interface Proc {
  ppid: number;
  ticks: number;
  kind: string;
}

function read(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are space-separated.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Chromium rewrites its children's command lines into one space-separated string: split on both.
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = cmd.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
    const sub = cmd
      .find((a) => a.startsWith('--utility-sub-type='))
      ?.slice(19)
      .split('.')
      .pop();
    const kind =
      type === 'renderer' && cmd.includes('--extension-process')
        ? 'extension renderer'
        : type === 'utility' && sub
          ? `utility (${sub})`
          : type;
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), kind };
  } catch {
    return null; // gone between listing and reading
  }
}

/** Ticks per kind of process, over `root` and its descendants, now. */
export function cpuByKind(root: number): Map<string, number> {
  const all = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = read(Number(name));
    if (p) all.set(Number(name), p);
  }
  const under = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = all.get(p)?.ppid)
      if (p === root) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, p] of all) if (under(pid)) out.set(p.kind, (out.get(p.kind) ?? 0) + p.ticks);
  return out;
}

/** Milliseconds of CPU per kind between two snapshots (a process that ended in between is not counted). */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after]
    .map(([k, t]): [string, number] => [k, ((t - (before.get(k) ?? 0)) * 1000) / HZ])
    .sort((a, b) => b[1] - a[1]);
}
