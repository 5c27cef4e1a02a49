import { stringify } from "csv-stringify/sync";

/** A spreadsheet cell: text or a number. */
export type CsvCell = string | number;

/**
 * Lines as CSV for a spreadsheet: UTF-8 with a byte-order mark (without it
 * Excel reads ä and ö wrong), CRLF line ends, semicolons by default (Finnish
 * and Swedish Excel split on them; commas are their decimal sign). Cells
 * that a spreadsheet would run as a formula (=, +, -, @ first) are written
 * with a leading apostrophe: names typed by people reach these files.
 * csv-stringify does the quoting and escaping (ADR 022).
 */
export function csvText(lines: CsvCell[][], separator: "," | ";" = ";") {
  return stringify(lines, {
    bom: true,
    delimiter: separator,
    record_delimiter: "windows",
    escape_formulas: true,
    // A lone line feed inside a cell would still split the row in Excel.
    quoted_match: /[\r\n]/,
  });
}
