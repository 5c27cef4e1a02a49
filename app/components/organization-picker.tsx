import { useEffect, useId, useState } from "react";
import { FieldError } from "./field-error.tsx";

/**
 * Organizations as checkboxes with their full names (a multi-select cut
 * names short and needed Ctrl-click, awkward on touch). With script a
 * search field narrows the list and a live region says how many show;
 * without it the list is all there is, and it still works.
 */
export function OrganizationPicker({
  legend,
  searchLabel,
  shownText,
  organizations,
  selected,
  error,
  name = "org",
  fieldId,
}: {
  legend: string;
  searchLabel: string;
  shownText: (n: number, total: number) => string;
  organizations: { ref: string; name: string }[];
  selected: string[];
  error?: string;
  /** The group's element id, for a form's error summary to link to. */
  fieldId?: string;
  name?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  // The search field appears once the script runs: without it, it would do nothing.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const wanted = query.trim().toLocaleLowerCase("fi");
  const matches = (o: { name: string }) =>
    !wanted || o.name.toLocaleLowerCase("fi").includes(wanted);
  const shown = organizations.filter(matches).length;
  // Folded while nothing is chosen (all organizations): the list is long on a phone.
  return (
    <details className="org-picker" open={selected.length > 0 || Boolean(error)}>
      <summary>{legend}</summary>
      <fieldset
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend className="visually-hidden">{legend}</legend>
        {scripted ? (
          <div className="field">
            <label htmlFor={`${id}-search`}>{searchLabel}</label>
            <input
              id={`${id}-search`}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-describedby={`${id}-shown`}
            />
          </div>
        ) : null}
        <p id={`${id}-shown`} className="meta" aria-live="polite">
          {scripted && wanted ? shownText(shown, organizations.length) : ""}
        </p>
        <ul className="checkbox-list scroll-box">
          {organizations.map((o) => (
            <li key={o.ref} hidden={!matches(o)}>
              <label>
                <input
                  type="checkbox"
                  name={name}
                  value={o.ref}
                  defaultChecked={selected.includes(o.ref)}
                />{" "}
                {o.name}
              </label>
            </li>
          ))}
        </ul>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    </details>
  );
}
