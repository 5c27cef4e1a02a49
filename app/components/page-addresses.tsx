import { useEffect } from "react";
import { useMatches } from "@remix-run/react";
import type { PageAddresses } from "#app/infra/i18n/addresses.ts";
import type { Locale } from "#app/infra/i18n/i18n.ts";
import { LANG_COOKIE, langCookie } from "#app/infra/i18n/lang-cookie.ts";

/** The deepest route's `addresses` (public pages return them from their loader). */
export function usePageAddresses(): PageAddresses | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]!.data as { addresses?: PageAddresses } | undefined;
    if (data?.addresses) return data.addresses;
  }
  return undefined;
}

/**
 * Canonical and hreflang links in the document head (ADR 012): each public
 * page names its own language address as canonical and lists every other
 * language and the x-default address as alternates.
 */
export function PageAddressLinks() {
  const addresses = usePageAddresses();
  if (!addresses) return null;
  return (
    <>
      <link rel="canonical" href={addresses.canonical} />
      {addresses.alternates.map((a) => (
        <link key={a.hreflang} rel="alternate" hrefLang={a.hreflang} href={a.href} />
      ))}
      {addresses.indexable ? null : <meta name="robots" content="noindex, follow" />}
    </>
  );
}

/**
 * A visitor who arrives at a language address (`?lang=sv`) keeps that
 * language on pages whose address names none: the preference cookie is set
 * in the browser (plain language and the participant languages too), so the page itself stays cacheable (no Set-Cookie).
 */
export function RememberAddressLanguage({ locale }: { locale: Locale | null }) {
  useEffect(() => {
    if (!locale) return;
    if (!document.cookie.split("; ").includes(`${LANG_COOKIE}=${locale}`)) {
      document.cookie = langCookie(locale);
    }
  }, [locale]);
  return null;
}
