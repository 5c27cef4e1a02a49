// First: configures zod before any module creates a schema (see the file).
import "./infra/zod-browser.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getSessionUser, sessionEndsAt } from "./infra/auth.server.ts";
import { keepPageWhenBusy } from "./infra/forms.ts";
import { countUnreadNotifications } from "./modules/notifications/notifications.server.ts";
import {
  dirOf,
  isPlainLocale,
  languageOf,
  LANGS,
  PARTICIPANT_LANGS,
  plainLocaleOf,
  translator,
  type Locale,
} from "./infra/i18n/i18n.ts";
import { addressLocale, getLang, getLocale } from "./infra/i18n/lang.server.ts";
import { useLocale, useParticipantLocales, useT } from "./infra/i18n/use-t.ts";
import { useLocalizedPath } from "./infra/i18n/use-localized-path.ts";
import { useNonce } from "./infra/nonce.tsx";
import { getMapTiles } from "./infra/map-tiles.server.ts";
import { PageAddressLinks, RememberAddressLanguage } from "./components/page-addresses.tsx";
// Through the build: content-hashed files under /build, cached for a year
// (the public/ copies of the logo and icons keep their stable addresses for
// the web manifest, link previews and anyone linking them).
import appCss from "./styles/app.css";
import faviconSvg from "../public/favicon.svg";
import icon32 from "../public/icons/icon-32.png";
import appleTouchIcon from "../public/icons/apple-touch-icon.png";
import { Announcer, usePageFocus } from "./components/page-focus.tsx";
import { SessionWatch, useFormDrafts } from "./components/session-watch.tsx";
import { langOfMatches, pageTitle } from "./infra/i18n/meta.ts";
import type { MessageKey } from "./infra/i18n/catalog.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: faviconSvg, type: "image/svg+xml" },
  { rel: "icon", href: icon32, type: "image/png", sizes: "32x32" },
  { rel: "apple-touch-icon", href: appleTouchIcon },
];

export const shouldRevalidate = keepPageWhenBusy;

/** An error page's title, in the page's language (a route's own meta covers its other pages). */
export const meta: MetaFunction = ({ error, matches }) =>
  error ? [pageTitle(langOfMatches(matches), errorTitleKey(error))] : [];

function errorTitleKey(error: unknown): MessageKey {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return status === 404
    ? "error.notFound"
    : status === 403
      ? "error.forbidden"
      : status === 503
        ? "error.busy"
        : "error.title";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  const user = found?.user;
  return {
    // What the visitor asked for, and the fi/sv/en of professional screens (use-t.ts picks).
    locale: getLocale(request),
    lang: getLang(request),
    mapTiles: getMapTiles(),
    addressLocale: addressLocale(request),
    user: user
      ? {
          displayName: user.displayName,
          role: user.role,
          unread: countUnreadNotifications(user.id),
          // The browser warns before this (components/session-watch.tsx).
          sessionEndsAt: sessionEndsAt(found),
        }
      : null,
  };
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const localized = useLocalizedPath();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to={localized("/")} className="brand">
          <img src={faviconSvg} alt="" width="28" height="28" />
          <span>{t("app.name")}</span>
        </Link>
        {data?.user ? (
          // A menu button on a phone (a disclosure: works without JavaScript); the links in a row on wider screens.
          <details className="nav-menu" key={here}>
            <summary>
              <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" />
              </svg>
              {t("nav.menu")}
              {data.user.unread > 0 ? (
                <span className="count-badge" aria-hidden="true">
                  {data.user.unread}
                </span>
              ) : null}
            </summary>
            <MainNav />
          </details>
        ) : (
          <MainNav />
        )}
        <LanguageSwitch here={here} />
      </div>
    </header>
  );
}

function MainNav() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const localized = useLocalizedPath();
  return (
    <nav aria-label={t("nav.main")} className="main-nav">
      {/* Signed out on a phone the brand, which leads to the same page, stands in for this link (one-line header). */}
      <Link to={localized("/")} className={data?.user ? undefined : "nav-catalog"}>
        {t("nav.catalog")}
      </Link>
      {data?.user ? (
        <>
          <Link to="/dashboard">{t("nav.dashboard")}</Link>
          <Link to="/notifications">
            {t("nav.notifications")}
            {data.user.unread > 0 ? (
              <span className="count-badge">
                {" "}
                {data.user.unread}
                <span className="visually-hidden"> {t("nav.unread")}</span>
              </span>
            ) : null}
          </Link>
          <Form method="post" action="/logout" className="inline-form">
            <button type="submit" className="link-button">
              {t("nav.signOut")}
            </button>
          </Form>
        </>
      ) : (
        <Link to="/login">{t("nav.signIn")}</Link>
      )}
    </nav>
  );
}

/**
 * The language menu (a disclosure: works without JavaScript) and, where the
 * language has one, the plain-language switch. Public and participant pages
 * offer every participant language; professional screens fi, sv and en.
 * Both post to /set-language, which remembers the choice and returns to
 * this page's address in the new locale; the page is loaded afresh so the
 * browser fetches that locale's texts.
 */
function LanguageSwitch({ here }: { here: string }) {
  const t = useT();
  const locale = useLocale();
  const participant = useParticipantLocales();
  const languages = participant ? PARTICIPANT_LANGS : LANGS;
  const current = languageOf(locale);
  const plain = plainLocaleOf(locale);
  return (
    <div className="lang-switch">
      <details className="lang-menu">
        <summary>
          <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              d="M12 3a9 9 0 100 18 9 9 0 000-18zM3 12h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
            />
          </svg>
          <span className="visually-hidden">{t("nav.language")}: </span>
          <span lang={current}>{t(`lang.switchTo.${current}`)}</span>
        </summary>
        <Form method="post" action="/set-language" reloadDocument className="lang-options">
          <input type="hidden" name="redirectTo" value={here} />
          {languages.map((l) => (
            <button
              key={l}
              type="submit"
              name="lang"
              value={l}
              lang={l}
              dir={dirOf(l)}
              aria-pressed={current === l}
              className="lang-button"
            >
              {t(`lang.switchTo.${l}`)}
            </button>
          ))}
          {/* On a phone the plain-language switch lives in this menu, so the header stays one line. */}
          {participant && plain ? (
            <button
              type="submit"
              name="lang"
              value={isPlainLocale(locale) ? current : plain}
              aria-pressed={isPlainLocale(locale)}
              className="lang-button plain-in-menu"
            >
              {t("nav.plainLanguage")}
            </button>
          ) : null}
        </Form>
      </details>
      {participant && plain ? (
        <Form
          method="post"
          action="/set-language"
          reloadDocument
          className="inline-form plain-switch-form"
        >
          <input type="hidden" name="redirectTo" value={here} />
          <button
            type="submit"
            name="lang"
            value={isPlainLocale(locale) ? current : plain}
            aria-pressed={isPlainLocale(locale)}
            className="lang-button plain-switch"
          >
            {t("nav.plainLanguage")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = useLocale();
  const t = translator(locale);
  const nonce = useNonce();
  const localized = useLocalizedPath();
  return (
    // data-locale: the locale whose texts the browser loads before hydrating (entry.client.tsx).
    <html lang={languageOf(locale)} dir={dirOf(locale)} data-locale={data?.locale ?? "fi"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5c5a" />
        <Meta />
        <Links />
        <link rel="manifest" href={`/manifest.webmanifest?lang=${data?.lang ?? "fi"}`} />
        <PageAddressLinks />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("nav.skip")}
        </a>
        <Header />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        {data?.user ? <SessionWatch endsAt={data.user.sessionEndsAt} /> : null}
        <Announcer />
        <footer className="site-footer">
          <div className="container">
            <p>
              {t("app.name")} · {t("app.tagline")} ·{" "}
              <Link to={localized("/privacy")}>{t("nav.privacy")}</Link> ·{" "}
              <Link to={localized("/join/association")}>{t("join.association.link")}</Link>
            </p>
          </div>
        </footer>
        <RememberAddressLanguage locale={data?.addressLocale ?? null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  usePageFocus();
  useFormDrafts();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const title = t(errorTitleKey(error));
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
