// Where commands write and what they return: injected so tests run commands in-process and read their output.
export const EXIT = { ok: 0, blocked: 1, error: 2 } as const;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};
