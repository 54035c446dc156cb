import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ROOT, tempDir } from './paths';

export interface RunningHost {
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `npm run web`'s program as its own process, exactly as a developer would, and
 * waits for its READY line. A separate process so tests can also kill it mid-work.
 */
export function launchHost(options: { dataDir?: string; args?: string[] } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? tempDir('oneteam-host-');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web-host/cli.ts', '--data-dir', dataDir, '--port', '0', ...(options.args ?? [])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${stderr}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (\S+)$/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = new URL(match[1]);
      resolve({
        url: match[1],
        origin: url.origin,
        token: url.searchParams.get('token') ?? '',
        dataDir,
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Calls the host's contract over HTTP, as the renderer does, and fails on an error result. */
export async function callHost<T>(host: RunningHost, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value: T };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value;
}
