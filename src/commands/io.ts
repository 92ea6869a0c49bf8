// What a command may touch of the process, handed to it by cli.ts: commands write through this,
// never to process.stdout themselves, so cli.ts stays the one module that owns the process.

export interface Terminal {
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  /** The result; a destination that cannot take it is an error, not a silent success. */
  out: (text: string) => void;
  /** Progress, hints and notes; never the result. */
  err: (text: string) => void;
  stdout: Terminal;
  stderr: Terminal;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Registers what undoes a command's unfinished work when a signal stops kstat (wipes a progress
   * line, removes a temporary file); synchronous. Returns what unregisters it.
   */
  onInterrupt: (undo: () => void) => () => void;
}

/** Colour only on a terminal, unless NO_COLOR (non-empty) or --no-color says not to, or FORCE_COLOR says to. */
export function useColor(flag: boolean, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true;
  return isTTY === true;
}
