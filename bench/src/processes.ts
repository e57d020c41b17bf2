import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BENCH_DIR } from './lib'

export interface Server {
  pid: number
  port: number
  url: string
  stop(): Promise<void>
}

/**
 * Starts a bench server script in its own Node process (so the server and the load generator each
 * get a core) and waits for `listening <port>` on stderr. stdout (request logs) is discarded.
 */
export function startServer(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Server> {
  // BENCH_PROFILE_DIR=<dir>: each server writes a V8 CPU profile there when it stops (Node refuses --cpu-prof
  // in NODE_OPTIONS), to find where a benchmark's time goes. Profiling slows the server: figures are then not comparable.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', join(BENCH_DIR, 'src', 'servers', script), ...args], {
    cwd: BENCH_DIR,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${stderr}`))
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code}:\n${stderr}`))
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const m = /listening (\d+)/.exec(stderr)
      if (!m) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      const port = Number(m[1])
      resolve({
        pid: child.pid!,
        port,
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
            child.once('exit', () => {
              clearTimeout(kill)
              done()
            })
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

/** Resident memory of a process in bytes (Linux /proc), NaN where it cannot be read. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : NaN
  } catch {
    return NaN
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc, clock ticks of 10 ms); NaN where unreadable. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}
