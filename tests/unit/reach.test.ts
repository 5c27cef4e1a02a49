import { describe, expect, it } from "vitest";
import { pathInLang, switchAddressLang, langOfSearch } from "#app/infra/i18n/addresses.ts";
import { isoWithOffset, nextOccurrence } from "#app/modules/calendar/occurrences.ts";
import { stableId, weeklyTimeId } from "#app/modules/common/stable-ids.ts";
import { formatPostalAddress, postalAddressOf } from "#app/modules/places/postal-address.server.ts";

describe("language addresses", () => {
  it("set, replace and remove ?lang= and keep everything else", () => {
    expect(pathInLang("/activities/a", "sv")).toBe("/activities/a?lang=sv");
    expect(pathInLang("/?q=kala&flag=free&flag=dropIn&lang=fi", "en")).toBe(
      "/?q=kala&flag=free&flag=dropIn&lang=en",
    );
    expect(pathInLang("/?lang=fi&page=2#results", null)).toBe("/?page=2#results");
    expect(langOfSearch("?lang=sv")).toBe("sv");
    expect(langOfSearch("lang=de")).toBeNull();
    expect(switchAddressLang("/activities/a?lang=fi", "sv")).toBe("/activities/a?lang=sv");
    expect(switchAddressLang("/activities/a", "sv")).toBe("/activities/a");
  });
});

describe("postal addresses", () => {
  it("split what an association typed, guessing nothing", () => {
    expect(
      postalAddressOf({ address: "Kauppatie 4, 59100 Parikkala", municipality: "Parikkala" }),
    ).toEqual({
      street: "Kauppatie 4",
      postalCode: "59100",
      locality: "Parikkala",
      region: "Etelä-Karjala",
      country: "FI",
    });
    expect(postalAddressOf({ address: "Sandögatan 2, Vasa", municipality: "Vaasa" })).toMatchObject(
      {
        street: "Sandögatan 2",
        postalCode: null,
        locality: "Vasa",
        region: "Pohjanmaa",
      },
    );
    expect(postalAddressOf({ address: "Rantatie 1", municipality: "Parikkala" })).toMatchObject({
      street: "Rantatie 1",
      postalCode: null,
      locality: "Parikkala",
    });
    expect(postalAddressOf({ address: null, municipality: "Parikkala" })).toMatchObject({
      street: null,
      locality: "Parikkala",
    });
    expect(
      formatPostalAddress(
        postalAddressOf({ address: "Kauppatie 4, 59100", municipality: "Parikkala" }),
      ),
    ).toBe("Kauppatie 4, 59100 Parikkala");
  });
});

describe("weekly occurrences", () => {
  it("give the next meeting with Helsinki's offset of that day, across the DST change", () => {
    const tuesday = [{ weekday: 2, start: "17:00", end: "19:00" }];
    // Thursday 26 March 2026, 12:00 UTC: the next Tuesday (31 March) is in summer time.
    const spring = nextOccurrence(tuesday, new Date("2026-03-26T12:00:00Z"))!;
    expect(isoWithOffset(spring.start)).toBe("2026-03-31T17:00:00+03:00");
    expect(isoWithOffset(spring.end)).toBe("2026-03-31T19:00:00+03:00");
    const winter = nextOccurrence(tuesday, new Date("2026-12-01T10:00:00Z"))!;
    expect(isoWithOffset(winter.start)).toBe("2026-12-01T17:00:00+02:00");
    // While a meeting runs it is still the next one; after it ends, next week's.
    expect(isoWithOffset(nextOccurrence(tuesday, new Date("2026-12-01T15:30:00Z"))!.start)).toBe(
      "2026-12-01T17:00:00+02:00",
    );
    expect(isoWithOffset(nextOccurrence(tuesday, new Date("2026-12-01T17:01:00Z"))!.start)).toBe(
      "2026-12-08T17:00:00+02:00",
    );
    expect(nextOccurrence([], new Date())).toBeNull();
  });
});

describe("stable ids", () => {
  it("are name-based UUIDs that depend on what names the thing, not on its position", () => {
    expect(stableId("hsds-service", "act-1")).toBe(stableId("hsds-service", "act-1"));
    expect(stableId("hsds-service", "act-1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
    expect(stableId("a-b", "c")).not.toBe(stableId("a", "b-c"));
    expect(weeklyTimeId("act-1", { weekday: 2, start: "17:00" })).toBe(
      weeklyTimeId("act-1", { weekday: 2, start: "17:00" }),
    );
    expect(weeklyTimeId("act-1", { weekday: 2, start: "17:00" })).not.toBe(
      weeklyTimeId("act-1", { weekday: 3, start: "17:00" }),
    );
  });
});
