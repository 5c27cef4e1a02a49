import fs from "node:fs";
import path from "node:path";

/** Searches a visitor might type, for the catalog benchmarks (bench:load, bench:pages). */
export const CATALOG_SEARCHES = [
  "kalastus",
  "kuntosali",
  "käsityöt",
  "musiikki",
  "retki",
  "kokkikerho",
  "lukupiiri",
];

/**
 * Writes one benchmark's section of docs/benchmarks.md, formatted by
 * Prettier, between `<!-- name:start -->` and `<!-- name:end -->`: other
 * benchmarks keep their own marked sections in the same file, so only this
 * one is replaced (or appended, the first time).
 */
export async function writeBenchSection(file: string, name: string, markdown: string) {
  const prettier = await import("prettier");
  const formatted = await prettier.format(markdown, {
    ...(await prettier.resolveConfig(file)),
    parser: "markdown",
  });
  const [open, close] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const marked = `${open}\n\n${formatted.trimEnd()}\n\n${close}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  text =
    start >= 0 && end > start
      ? text.slice(0, start) + marked + text.slice(end + close.length)
      : `${text.trimEnd()}\n\n${marked}\n`;
  fs.writeFileSync(file, text);
  return path.relative(process.cwd(), file);
}
