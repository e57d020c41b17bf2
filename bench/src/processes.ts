import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { BENCH_DIR } from './lib'

export interface Server {
  port: number
  url: string
  stop(): Promise<void>
}

/**
 * Starts a bench server script in its own Node process (so the server and the load generator each
 * get a core) and waits for `listening <port>` on stderr. stdout (request logs) is discarded.
 */
export function startServer(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'src', 'servers', script), ...args], {
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
