import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type VnuMessage = { file: string; type: string; message: string; extract?: string };

/**
 * Checks HTML documents with the Nu Html Checker (the W3C validator, from
 * the vnu-jar package): an independent judge of our markup, not our own
 * code. One Java process checks every document. Needs Java 11 or later on
 * the PATH. Answers the errors only (warnings are advice).
 */
export async function validateHtml(documents: Record<string, string>): Promise<VnuMessage[]> {
  const require = createRequire(import.meta.url);
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "luotsi-vnu-"));
  try {
    const files = Object.entries(documents).map(([name, html], i) => {
      const file = path.join(dir, `${i}-${name.replace(/[^a-z0-9-]+/gi, "_")}.html`);
      fs.writeFileSync(file, html);
      return file;
    });
    // vnu exits 1 when it finds errors and writes its JSON report to stderr.
    const result = await run("java", ["-jar", jar, "--format", "json", "--errors-only", ...files], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { code?: unknown; stderr?: string }) => {
      if (e.code === "ENOENT")
        throw new Error("The HTML check needs Java 11+ (vnu.jar) on the PATH");
      return { stderr: e.stderr ?? "" };
    });
    const report = JSON.parse(result.stderr || '{"messages":[]}') as {
      messages: { url?: string; type: string; message: string; extract?: string }[];
    };
    const names = Object.keys(documents);
    return report.messages.map((m) => ({
      file: names[Number(path.basename(m.url ?? "").split("-")[0])] ?? m.url ?? "?",
      type: m.type,
      message: m.message,
      extract: m.extract,
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
