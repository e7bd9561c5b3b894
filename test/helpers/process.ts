import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the service as `npm start` does (through tsx) and waits for the address it prints. */
export function startService(env: Record<string, string>, nodeArgs: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: root,
    // Durability and start-up tests load the embedded database hard on purpose: shedding is the overload test's, not theirs.
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', WORKER: 'off', OVERLOAD_EVENT_LOOP_DELAY_MS: '0', OVERLOAD_DB_QUEUE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${out}`)), 90_000);
    const check = () => {
      const m = /running at (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1] && /Stop with Ctrl-C/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited with ${code}:\n${out}`), { code, out }));
    });
  });
}

/** Resolves with the exit code once the process has ended. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
}

/** A minimal cookie-keeping HTTP client for a running service (real sockets, real CSRF). */
export class HttpClient {
  private jar = new Map<string, string>();
  constructor(private base: string) {}

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) jar(this.jar, k.trim(), v.join('='));
    }
  }

  private cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(p: string): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.base}${p}`, { headers: { cookie: this.cookie() }, redirect: 'manual' });
    this.keep(res);
    return { status: res.status, body: await res.text() };
  }

  /** The CSRF token on a page (kept with this client's cookies). */
  async csrf(p: string): Promise<string> {
    const token = /name="_csrf" value="([^"]+)"/.exec((await this.get(p)).body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${p}`);
    return token;
  }

  async post(p: string, form: Record<string, string>): Promise<{ status: number; location: string | null }> {
    const res = await fetch(`${this.base}${p}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    this.keep(res);
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') };
  }
}

function jar(m: Map<string, string>, k: string, v: string): void {
  if (v === '') m.delete(k);
  else m.set(k, v);
}
