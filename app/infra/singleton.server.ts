/** Keeps one instance across Remix dev rebuilds (module state is reset on each rebuild). */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __luotsi?: Map<string, unknown> };
  store.__luotsi ??= new Map();
  if (!store.__luotsi.has(name)) store.__luotsi.set(name, create());
  return store.__luotsi.get(name) as T;
}

export function dropSingleton(name: string) {
  const store = globalThis as unknown as { __luotsi?: Map<string, unknown> };
  store.__luotsi?.delete(name);
}
