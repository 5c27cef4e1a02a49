import { describe, expect, it } from "vitest";
import { csvText } from "#app/infra/csv.server.ts";

describe("CSV for a spreadsheet", () => {
  it("starts with a byte-order mark, ends lines with CRLF and separates with semicolons", () => {
    expect(
      csvText([
        ["Kunta", "Määrä"],
        ["Hämeenlinna", 7],
      ]),
    ).toBe("\uFEFFKunta;Määrä\r\nHämeenlinna;7\r\n");
  });

  it("quotes a cell holding the separator, a quote or a line break", () => {
    expect(csvText([["a;b", 'sanoi "hei"', "rivi\nrivi"]])).toBe(
      '\uFEFF"a;b";"sanoi ""hei""";"rivi\nrivi"\r\n',
    );
  });

  it("defuses cells a spreadsheet would run as a formula, but not numbers", () => {
    const line = csvText([['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", -3, 0.5]]);
    expect(line).toBe('\uFEFF"\'=HYPERLINK(""x"")";\'+1;\'-2;\'@SUM(A1);-3;0.5\r\n');
  });
});
