import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigation } from "@remix-run/react";
import { useT } from "#app/infra/i18n/use-t.ts";
import { keepFormDrafts, settleFormDrafts } from "./form-drafts.ts";
import { announce, focusElement } from "./page-focus.tsx";

/** How long before the end the warning comes: time enough to read it and press a button. */
export const SESSION_WARNING_MS = 2 * 60 * 1000;

type Phase = "active" | "warning" | "ended";

/** The session's end from the server; null: it has ended; "unknown": no answer (offline for a moment). */
async function sessionEnd(method: "GET" | "POST"): Promise<number | null | "unknown"> {
  try {
    const res = await fetch("/session", {
      method,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!res.ok) return "unknown";
    const body = (await res.json()) as { endsAt: number | null };
    return body.endsAt;
  } catch {
    return "unknown";
  }
}

/**
 * The signed-in session's end (WCAG 2.2.1, timing adjustable): a warning
 * with a button to continue two minutes before it ends, a note when it has
 * ended with a link to sign in again, and what was typed kept across that
 * sign-in (form-drafts.ts). The server's answer decides: the warning asks
 * /session when the end is near, because any request in between (another
 * tab) may have moved it.
 */
export function SessionWatch({ endsAt }: { endsAt: number | null }) {
  const t = useT();
  const location = useLocation();
  const [end, setEnd] = useState(endsAt);
  const [phase, setPhase] = useState<Phase>("active");
  const continueRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    setEnd(endsAt);
    if (endsAt) setPhase("active");
  }, [endsAt]);

  useEffect(() => {
    if (end == null || phase === "ended") return;
    const at = phase === "active" ? end - SESSION_WARNING_MS : end;
    const timer = setTimeout(
      async () => {
        const now = await sessionEnd("GET");
        // No answer: ask again in a minute.
        if (now === "unknown") return setEnd((e) => (e == null ? e : e + 60_000));
        if (now == null) {
          keepFormDrafts();
          setPhase("ended");
        } else if (now - Date.now() > SESSION_WARNING_MS + 5000) {
          setEnd(now);
          setPhase("active");
        } else if (phase === "active") {
          returnFocus.current = document.activeElement;
          setEnd(now);
          setPhase("warning");
        } else setEnd(now + 1000);
      },
      Math.max(0, at - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [end, phase]);

  useEffect(() => {
    if (phase === "warning" && continueRef.current)
      focusElement(continueRef.current, { scroll: false });
  }, [phase]);

  async function keepGoing() {
    const next = await sessionEnd("POST");
    if (next === "unknown") return;
    if (next == null) {
      keepFormDrafts();
      setPhase("ended");
      return;
    }
    setEnd(next);
    setPhase("active");
    announce(t("session.continued"));
    if (returnFocus.current instanceof HTMLElement && returnFocus.current.isConnected)
      returnFocus.current.focus();
  }

  if (phase === "active") return null;
  const here = `${location.pathname}${location.search}`;
  return (
    <div className="session-watch" role="alertdialog" aria-labelledby="session-watch-text">
      <p id="session-watch-text">
        {phase === "warning" ? t("session.warning") : t("session.ended")}
      </p>
      {phase === "warning" ? (
        <button type="button" className="button primary" ref={continueRef} onClick={keepGoing}>
          {t("session.continue")}
        </button>
      ) : (
        <a
          className="button primary"
          href={`/login?redirectTo=${encodeURIComponent(here)}&expired=1`}
          // A full load: the sign-in page starts from the server, the draft is already kept.
        >
          {t("session.signInAgain")}
        </a>
      )}
    </div>
  );
}

/**
 * Keeps a form as it is sent (the answer may be the sign-in page, if the
 * session ended meanwhile) and puts it back after signing in again.
 */
export function useFormDrafts() {
  const t = useT();
  const navigation = useNavigation();
  const location = useLocation();
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      if (event.target instanceof HTMLFormElement) keepFormDrafts(event.target);
    };
    // Capture phase: before Remix's <Form> takes the submit over.
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);
  useEffect(() => {
    if (navigation.state !== "idle") return;
    if (settleFormDrafts()) announce(t("session.restored"));
    // Each settled page decides once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state, location.key]);
}
