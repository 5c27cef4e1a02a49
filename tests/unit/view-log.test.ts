import { describe, expect, it } from "vitest";
import { groupViews, type RecordView } from "#app/modules/participants/view-log.ts";

const view = (
  iso: string,
  name: string | null,
  context = "screen:participants.$ref",
): RecordView => ({
  at: new Date(iso),
  name,
  role: name ? "worker" : null,
  context,
});

describe("the 'who viewed' log, one line per person per day", () => {
  it("groups one sitting of a dozen reads into one line with a count and the times", () => {
    const views = [
      ...Array.from({ length: 12 }, (_, i) =>
        view(`2026-12-07T11:${String(50 - i * 2).padStart(2, "0")}:00Z`, "Ville"),
      ),
      view("2026-12-07T08:05:00Z", "Aino", "follow-up list"),
      view("2026-12-06T09:00:00Z", "Ville"),
    ];
    const groups = groupViews(views);
    expect(groups.map((g) => [g.day, g.name, g.count])).toEqual([
      ["2026-12-07", "Ville", 12],
      ["2026-12-07", "Aino", 1],
      ["2026-12-06", "Ville", 1],
    ]);
    // Helsinki time (UTC+2 in December), earliest first.
    expect(groups[0]!.times[0]).toBe("13:28");
    expect(groups[0]!.times.at(-1)).toBe("13:50");
    expect(groups[1]).toMatchObject({ times: ["10:05"], contexts: ["follow-up list"] });
  });

  it("splits by the day in Finland, not in UTC", () => {
    // 23.30 UTC on 6 December is 1.30 on 7 December in Helsinki.
    const groups = groupViews([
      view("2026-12-06T23:30:00Z", "Ville"),
      view("2026-12-06T21:30:00Z", "Ville"),
    ]);
    expect(groups.map((g) => [g.day, g.times])).toEqual([
      ["2026-12-07", ["1:30"]],
      ["2026-12-06", ["23:30"]],
    ]);
  });

  it("keeps repeated minutes once, and different people or roles apart", () => {
    const groups = groupViews([
      view("2026-12-07T10:00:10Z", "Ville"),
      view("2026-12-07T10:00:40Z", "Ville"),
      { ...view("2026-12-07T10:00:00Z", "Ville"), role: "staff" },
      view("2026-12-07T10:00:00Z", null),
    ]);
    expect(groups.map((g) => [g.name, g.role, g.count, g.times])).toEqual([
      ["Ville", "worker", 2, ["12:00"]],
      ["Ville", "staff", 1, ["12:00"]],
      [null, null, 1, ["12:00"]],
    ]);
  });
});
