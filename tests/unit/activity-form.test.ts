import { describe, expect, it } from "vitest";
import { activityFormValues, readActivityForm } from "#app/modules/staff/activity-form-schema.ts";

/** The form as a browser would post it back unchanged. */
function postBack(values: ReturnType<typeof activityFormValues>) {
  const form = new FormData();
  for (const key of [
    "title",
    "description",
    "interests",
    "kind",
    "municipality",
    "address",
    "lat",
    "lon",
    "minAge",
    "maxAge",
    "capacity",
    "enrolled",
    "status",
  ] as const) {
    form.set(key, values[key]);
  }
  for (const l of values.languages) form.append("languages", l);
  values.schedule.forEach((row, i) => {
    form.set(`schedule.${i}.weekday`, row.weekday);
    form.set(`schedule.${i}.start`, row.start);
    form.set(`schedule.${i}.end`, row.end);
  });
  for (const [flag, on] of Object.entries(values.threshold))
    if (on) form.set(`threshold.${flag}`, "on");
  return form;
}

describe("staff activity form", () => {
  it("keeps two weekly times on the same day through an edit", () => {
    const schedule = [
      { weekday: 2, start: "10:00", end: "12:00" },
      { weekday: 2, start: "17:00", end: "19:00" },
      { weekday: 5, start: "09:00", end: "11:00" },
    ];
    const values = activityFormValues({
      title: "Kaksi vuoroa",
      kind: "group",
      municipality: "Parikkala",
      status: "open",
      schedule,
    });
    const read = readActivityForm(postBack(values));
    expect(read.ok && read.data.schedule).toEqual(schedule);
  });
});
