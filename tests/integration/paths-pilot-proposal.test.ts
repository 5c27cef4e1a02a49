import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations, participants } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { action, loader } from "#app/routes/pilot-proposal.$ref.tsx";
import {
  BASE,
  createOrganization,
  createUser,
  prepareDatabase,
  callRoute,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;
let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let workerA: User;
let workerB: User;
let participant: { id: number; ref: string };

const call = (
  fn: typeof loader | typeof action,
  user: User,
  ref: string,
  form?: Record<string, string>,
) => callRoute(fn, user.id, `${BASE}/pilot-proposal/${ref}`, { ref }, form);

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization();
  orgB = createOrganization();
  workerA = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
  participant = getDb()
    .insert(participants)
    .values({
      ref: "pp-volunteer",
      organizationId: orgA.id,
      municipality: "Parikkala",
      languages: ["fi"],
    })
    .returning()
    .get();
});

describe("participant to volunteer", () => {
  it("creates a pilot invitation for the chosen organization, linked to the participant", async () => {
    expect((await call(loader, workerA, participant.ref)).status).toBe(200);
    const r = await call(action, workerA, participant.ref, {
      email: "Vapaaehtoinen@Example.org",
      organizationRef: orgB.ref,
    });
    expect(r.status).toBe(200);
    const rows = getDb()
      .select()
      .from(invitations)
      .where(eq(invitations.participantId, participant.id))
      .all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      email: "vapaaehtoinen@example.org",
      role: "pilot",
      organizationId: orgB.id,
      invitedBy: workerA.id,
    });
  });

  it("refuses bad input and another organization's participant, writing nothing", async () => {
    const count = () => getDb().select().from(invitations).all().length;
    const before = count();
    const bad = await call(action, workerA, participant.ref, {
      email: "ei-osoite",
      organizationRef: orgA.ref,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors as object)).toContain("email");
    const unknown = await call(action, workerA, participant.ref, {
      email: "a@example.org",
      organizationRef: "org-nope",
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.fieldErrors as object)).toContain("organizationRef");
    expect(
      (
        await call(action, workerB, participant.ref, {
          email: "b@example.org",
          organizationRef: orgB.ref,
        })
      ).status,
    ).toBe(404);
    expect((await call(loader, workerB, participant.ref)).status).toBe(404);
    expect(count()).toBe(before);
  });
});
