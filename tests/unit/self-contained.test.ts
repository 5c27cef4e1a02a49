import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The repository stands alone: a clone on a machine with nothing beside it
 * must build, test and explain itself. So no tracked file may read or link
 * the sibling folder the project was once planned in, nor name the planning
 * documents that lived there: what the project implements is documented in
 * docs/ (import-format.md, interfaces.md) and its examples in examples/.
 */
const THIS_FILE = "tests/unit/self-contained.test.ts";
const OUTSIDE = [
  { pattern: /\.\.\/shared\b/, why: "a path outside the repository" },
  {
    pattern: /\b(CONTRACT|BRIEF|STYLE)\.md\b/,
    why: "a document that is not in the repository (see docs/interfaces.md, docs/import-format.md)",
  },
];

/** Skipped when walking a copy without git: what .gitignore keeps out of the repository. */
const UNTRACKED_DIRS = new Set([
  "node_modules",
  ".git",
  "build",
  ".cache",
  "data",
  "test-data",
  "coverage",
]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = path.posix.join(dir === "." ? "" : dir, entry.name);
    if (entry.isDirectory()) {
      if (UNTRACKED_DIRS.has(entry.name) || rel === "public/build") continue;
      walk(rel, out);
    } else if (entry.isFile() && !entry.name.endsWith(".log") && entry.name !== ".env") {
      out.push(rel);
    }
  }
  return out;
}

/** The tracked files; a copy made with `git archive` has no .git, so then every file that git would track. */
function repositoryFiles(): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .split("\0")
      .filter(Boolean);
  } catch {
    return walk(".");
  }
}

describe("the repository stands alone", () => {
  it("no file outside this test refers to anything beside the repository", () => {
    const files = repositoryFiles().filter((f) => f !== THIS_FILE && fs.existsSync(f));
    expect(files.length).toBeGreaterThan(100);
    const offences: string[] = [];
    for (const file of files) {
      const buffer = fs.readFileSync(file);
      if (buffer.includes(0)) continue; // binary
      buffer
        .toString("utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const { pattern, why } of OUTSIDE) {
            if (pattern.test(line))
              offences.push(`${file}:${i + 1}: ${why}: ${line.trim().slice(0, 120)}`);
          }
        });
    }
    expect(offences).toEqual([]);
  });

  it("the example import file the docs and tests use is in the repository", () => {
    const sample = JSON.parse(fs.readFileSync("examples/import-sample.json", "utf8")) as Record<
      string,
      unknown[]
    >;
    expect(Object.keys(sample).sort()).toEqual([
      "activities",
      "organizations",
      "participants",
      "pilots",
    ]);
    for (const doc of ["docs/import-format.md", "docs/interfaces.md", "README.md"]) {
      expect(fs.readFileSync(doc, "utf8"), doc).toContain("examples/import-sample.json");
    }
  });
});
