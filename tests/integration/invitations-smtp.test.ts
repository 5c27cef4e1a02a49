import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { dropSingleton } from "#app/infra/singleton.server.ts";
import { sendMail } from "#app/modules/mail/mail.server.ts";
import { prepareDatabase } from "../factories/index.ts";

/** Just enough SMTP for nodemailer: what arrives is what Luotsi sent. */
function startFakeSmtp() {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let inData = false;
    let data = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      for (const line of chunk.toString().split("\r\n")) {
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(data);
            data = "";
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
          continue;
        }
        if (!line) continue;
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO" || cmd === "HELO") socket.write("250 fake\r\n");
        else if (cmd === "MAIL" || cmd === "RCPT") socket.write("250 ok\r\n");
        else if (cmd === "DATA") {
          inData = true;
          socket.write("354 go\r\n");
        } else if (cmd === "QUIT") {
          socket.write("221 bye\r\n");
          socket.end();
        } else socket.write("250 ok\r\n");
      }
    });
  });
  return new Promise<{ port: number; received: string[]; close: () => void }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, received, close: () => server.close() });
    });
  });
}

let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;

beforeAll(async () => {
  prepareDatabase();
  smtp = await startFakeSmtp();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  resetEnvCache();
  dropSingleton("mail-transport");
});
afterAll(() => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  dropSingleton("mail-transport");
  smtp?.close();
});

describe("the mailer with SMTP_URL", () => {
  it("sends through SMTP and stores nothing in the development mailbox", async () => {
    const r = await sendMail({
      to: "vastaanottaja@example.org",
      subject: "Kutsu Luotsiin",
      text: "Hei!",
    });
    expect(r.ok).toBe(true);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toContain("Subject: Kutsu Luotsiin");
    expect(smtp.received[0]).toContain("vastaanottaja@example.org");
    expect(getDb().select().from(mailMessages).all()).toEqual([]);
  });

  it("a server that cannot be reached is a value, not a crash", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvCache();
    dropSingleton("mail-transport");
    const r = await sendMail({ to: "x@example.org", subject: "s", text: "t" });
    expect(r.ok).toBe(false);
  });
});
