import { useEffect, useRef } from "react";
import { useLocation, useNavigation, useNavigationType } from "@remix-run/react";

/**
 * Focus and announcements after navigation and posts (WCAG 2.4.3, 4.1.3).
 *
 * A full page load starts at the top, where a screen reader starts reading.
 * Client-side navigation and form posts do not: without help the focus stays
 * on a button far below or drops to <body>. So after every navigation or post
 * settles, focus moves to where the result is, in this order:
 *
 * 1. the form's error summary (error-summary.tsx);
 * 2. the address's #fragment target (an action can redirect to the spot it
 *    changed, such as the card just added to the shortlist);
 * 3. an element the page marks with `{...focusHere}`: a status message beside
 *    the control that caused it first, else the heading of fresh results or
 *    of the section just opened;
 * 4. the page's <h1>.
 *
 * Focusing an element makes a screen reader read it, so the result is also
 * announced. Things that do not move focus (a fetcher's answer, a count that
 * changes under the user's cursor) go through `announce()`.
 */

/** Spread on the element that should take focus after the navigation or post that rendered it. */
export const focusHere = { "data-focus-here": "", tabIndex: -1 } as const;

const ANNOUNCER_ID = "announcer";

/**
 * The page's one polite live region (rendered once, in the root layout). It
 * is empty in the server's HTML and only ever written by `announce()`.
 */
export function Announcer() {
  return (
    <div
      id={ANNOUNCER_ID}
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
    />
  );
}

let clearTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Says `message` through the live region. The region is emptied first and
 * written a moment later, so the same words are announced again (a search
 * that finds as many results as the last one).
 */
export function announce(message: string) {
  const region = document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  region.textContent = "";
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    region.textContent = message;
  }, 100);
}

/** Focus `element` without making it a tab stop of its own. */
export function focusElement(element: HTMLElement, { scroll }: { scroll: boolean }) {
  if (!element.matches("a[href], button, input, select, textarea, [tabindex]"))
    element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
  if (scroll) element.scrollIntoView({ block: "nearest" });
}

function resultTarget(hash: string): HTMLElement | null {
  const main = document.getElementById("main");
  if (!main) return null;
  const summary = main.querySelector<HTMLElement>(".error-summary");
  if (summary) return summary;
  if (hash.length > 1) {
    const anchor = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (anchor) return anchor;
  }
  const marked = [...main.querySelectorAll<HTMLElement>("[data-focus-here]")];
  const status = marked.find((m) => m.matches("[role=status], [role=alert]"));
  return status ?? marked[0] ?? main.querySelector<HTMLElement>("h1") ?? main;
}

/** Moves focus to the result after each client-side navigation or post (used once, in root.tsx). */
export function usePageFocus() {
  const navigation = useNavigation();
  const location = useLocation();
  const navigationType = useNavigationType();
  const previous = useRef(navigation.state);
  const focusAtStart = useRef<Element | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = navigation.state;
    if (before === "idle" && navigation.state !== "idle")
      focusAtStart.current = document.activeElement;
    // The first render (the server's page) keeps the browser's own start.
    if (navigation.state !== "idle" || before === "idle") return;
    // Focus already moved meanwhile (an error summary shown with the action's answer, or the
    // person themselves): leave it there.
    const now = document.activeElement;
    const untouched =
      !now ||
      now === document.body ||
      now.id === "main" ||
      !now.isConnected ||
      now === focusAtStart.current;
    if (!untouched) return;
    // ScrollRestoration has placed the page already (it runs in a layout effect).
    const target = resultTarget(location.hash);
    if (!target || target === document.activeElement) return;
    // Going back keeps the scroll position the browser restored.
    focusElement(target, { scroll: navigationType !== "POP" });
    // Only the settling of a navigation matters; the location is read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state]);
}
