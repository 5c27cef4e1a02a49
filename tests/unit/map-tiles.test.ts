import { describe, expect, it } from "vitest";
import { tileImageSource } from "#app/infra/map-tiles.server.ts";

describe("the CSP source for MAP_TILE_URL", () => {
  it("is the template's scheme, host and port", () => {
    expect(tileImageSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe(
      "https://tile.openstreetmap.org",
    );
    expect(tileImageSource("http://127.0.0.1:41234/{z}/{x}/{y}.png")).toBe(
      "http://127.0.0.1:41234",
    );
    expect(tileImageSource("HTTPS://Tiles.Example.FI/osm/{z}/{x}/{y}{r}.png?key=k")).toBe(
      "https://tiles.example.fi",
    );
  });

  it("turns a placeholder in the host into a leftmost wildcard, the only one CSP allows", () => {
    expect(tileImageSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe(
      "https://*.tile.example.org",
    );
    expect(tileImageSource("https://maps-{s}.cdn.example.org/{z}/{x}/{y}.png")).toBe(
      "https://*.cdn.example.org",
    );
  });
});
