import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadPack } from "./infra/i18n/languages/load.ts";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

// The page's texts in a participant language or plain language come in a
// chunk of their own; load it first so hydration renders what the server did.
loadPack(document.documentElement.dataset.locale).then(hydrate, hydrate);
