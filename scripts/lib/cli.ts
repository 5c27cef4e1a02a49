import path from "node:path";

/** The commands' exit codes (docs/interfaces.md). */
export const EXIT = { ok: 0, badInput: 1, unavailable: 2 } as const;

/** Paths are relative to where the user stands (npm sets INIT_CWD). */
export function userPath(file: string) {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** stdout carries only results; everything else goes to stderr. */
export const log = (...args: unknown[]) => console.error(...args);

export function fail(message: string, code: number = EXIT.badInput): never {
  console.error(message);
  process.exit(code);
}

export async function runCli(main: () => Promise<number | void>) {
  try {
    const code = await main();
    process.exitCode = code ?? 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
