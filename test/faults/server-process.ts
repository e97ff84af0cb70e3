import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built server, as `npm start` runs it (the fault tests kill real processes, so they need `npm run build`). */
export const BUILT_SERVER = path.resolve(__dirname, '../../dist/src/server/main.js');

export function assertBuilt(): void {
  if (!fs.existsSync(BUILT_SERVER))
    throw new Error(`${BUILT_SERVER} is missing: run npm run build first (the fault tests run the built server as a child process)`);
}

/**
 * The real server (`node dist/src/server/main.js`) as a child process, which a test can kill with
 * SIGKILL at any moment and start again on the same data: nothing of the process survives but what
 * it committed to the database and wrote to disk.
 */
export class ServerProcess {
  private child?: ChildProcess;
  private output = '';
  kills = 0;
  starts = 0;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Starts it and resolves when it says it is running (and answers health checks). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [BUILT_SERVER], { env: { PATH: process.env.PATH, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${this.output.slice(-3000)}`)), 30_000);
      const seen = (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        if (this.output.includes('Core Groups is running')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', seen);
      child.stderr?.on('data', (chunk: Buffer) => void (this.output += chunk.toString('utf8')));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before it was running:\n${this.output.slice(-3000)}`));
      });
    });
  }

  /** kill -9: no shutdown, no flush, no finally. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
    this.child = undefined;
  }

  /** A clean stop (SIGTERM), for the end of a test. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    this.child = undefined;
  }

  /** What the server printed, for a failure's message; errors it logged are kept here too. */
  log(): string {
    return this.output;
  }
}
