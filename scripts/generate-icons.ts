import fs from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";

/**
 * Renders the PNG icons a phone's home screen and link previews use from
 * public/favicon.svg (the one drawing of the logo): `npm run icons`, then
 * commit public/icons. "any" icons keep the round logo on transparency;
 * maskable and Apple touch icons fill the square with the logo's colour and
 * keep what shows (the needle) inside the central 80 % that every mask keeps.
 */
const root = path.resolve(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "public/favicon.svg"), "utf8");
const outDir = path.join(root, "public/icons");

const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? "0 0 32 32";
const [, , vbWidth] = viewBox.split(/\s+/).map(Number);
const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
const background = /fill="(#[0-9a-fA-F]{3,6})"/.exec(svg)?.[1] ?? "#0b5c5a";

/** The logo on a full square of its own colour, scaled into the safe zone. */
function fullBleed(scale: number) {
  const size = vbWidth!;
  const offset = (size * (1 - scale)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}"><rect width="${size}" height="${size}" fill="${background}"/><g transform="translate(${offset} ${offset}) scale(${scale})">${inner}</g></svg>`;
}

function render(source: string, width: number, file: string) {
  const png = new Resvg(source, { fitTo: { mode: "width", value: width } }).render().asPng();
  fs.writeFileSync(path.join(outDir, file), png);
  console.log(`${file}: ${width}×${width}, ${png.length} bytes`);
}

fs.mkdirSync(outDir, { recursive: true });
render(svg, 32, "icon-32.png");
render(svg, 192, "icon-192.png");
render(svg, 512, "icon-512.png");
render(fullBleed(0.9), 512, "maskable-512.png");
render(fullBleed(0.9), 180, "apple-touch-icon.png");
