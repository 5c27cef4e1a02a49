/**
 * What a person typed survives the end of their session (WCAG 2.2.1).
 *
 * When a form is sent, or when the browser sees the session end, the form's
 * visible fields are kept in this tab's sessionStorage. If the answer is the
 * sign-in page (the session had ended), they stay there while the person
 * signs in again; back on the same page they are put back into the form and
 * removed from storage. Any other answer removes them at once, so in the
 * normal case they live only for the moment of a request, in this tab only,
 * and never reach the server or its logs (ADR 020).
 */

const KEY = "luotsi.form-draft";
const MAX_AGE_MS = 60 * 60 * 1000;
const SIGN_IN_PATH = "/login";

type Draft = {
  path: string;
  savedAt: number;
  viaSignIn: boolean;
  forms: { index: number; values: [string, string][]; checked: [string, string][] }[];
};

const KEPT =
  "input:not([type=hidden]):not([type=password]):not([type=file]):not([type=submit]):not([type=button]), select, textarea";

function postForms(): HTMLFormElement[] {
  const main = document.getElementById("main");
  if (!main) return [];
  return [...main.querySelectorAll("form")].filter(
    (f) => f.method.toLowerCase() === "post" && !f.hasAttribute("data-no-draft"),
  );
}

function readForm(form: HTMLFormElement) {
  const values: [string, string][] = [];
  const checked: [string, string][] = [];
  for (const el of form.querySelectorAll<
    HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
  >(KEPT)) {
    if (!el.name) continue;
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      if (el.checked) checked.push([el.name, el.value]);
    } else values.push([el.name, el.value]);
  }
  return { values, checked };
}

function store(draft: Draft | null) {
  try {
    if (draft) sessionStorage.setItem(KEY, JSON.stringify(draft));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage off or full: the form is simply not kept.
  }
}

function load(): Draft | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && Date.now() - draft.savedAt < MAX_AGE_MS ? draft : null;
  } catch {
    return null;
  }
}

/** Keeps the page's post forms (all of them, or only `only`) until the next page says whether to. */
export function keepFormDrafts(only?: HTMLFormElement) {
  if (location.pathname === SIGN_IN_PATH) return;
  const forms = postForms()
    .map((form, index) => ({ form, index }))
    .filter(({ form }) => !only || form === only)
    .map(({ form, index }) => ({ index, ...readForm(form) }))
    .filter((f) => f.values.some(([, v]) => v.trim() !== "") || f.checked.length > 0);
  store(
    forms.length > 0
      ? { path: location.pathname, savedAt: Date.now(), viaSignIn: false, forms }
      : null,
  );
}

/**
 * After a navigation settles: on the sign-in page the draft waits; back on
 * its own page after signing in it is restored (true is returned);
 * anywhere else it is dropped.
 */
export function settleFormDrafts(): boolean {
  const draft = load();
  if (!draft) {
    store(null);
    return false;
  }
  if (location.pathname === SIGN_IN_PATH) {
    store({ ...draft, viaSignIn: true });
    return false;
  }
  store(null);
  if (!draft.viaSignIn || draft.path !== location.pathname) return false;
  const forms = postForms();
  let restored = false;
  for (const saved of draft.forms) {
    const form = forms[saved.index];
    if (!form) continue;
    for (const el of form.querySelectorAll<
      HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
    >(KEPT)) {
      if (!el.name) continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        el.checked = saved.checked.some(([n, v]) => n === el.name && v === el.value);
      } else {
        const at = saved.values.findIndex(([n]) => n === el.name);
        if (at < 0) continue;
        el.value = saved.values[at]![1];
        // Several fields of one name (schedule rows) are filled in order.
        saved.values.splice(at, 1);
      }
      restored = true;
    }
  }
  return restored;
}
