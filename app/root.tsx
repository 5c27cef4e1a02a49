// First: configures zod before any module creates a schema (see the file).
import "./infra/zod-browser.ts";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
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
import { getOptionalUser } from "./infra/auth.server.ts";
import { countUnreadNotifications } from "./modules/notifications/notifications.server.ts";
import { LANGS, translator, type Lang } from "./infra/i18n/i18n.ts";
import { addressLang, getLang } from "./infra/i18n/lang.server.ts";
import { useT } from "./infra/i18n/use-t.ts";
import { useLocalizedPath } from "./infra/i18n/use-localized-path.ts";
import { useNonce } from "./infra/nonce.tsx";
import { getMapTiles } from "./infra/map-tiles.server.ts";
import { PageAddressLinks, RememberAddressLanguage } from "./components/page-addresses.tsx";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/icons/icon-32.png", type: "image/png", sizes: "32x32" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return {
    lang: getLang(request),
    mapTiles: getMapTiles(),
    addressLang: addressLang(request),
    user: user
      ? {
          displayName: user.displayName,
          role: user.role,
          unread: countUnreadNotifications(user.id),
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
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t("app.name")}</span>
        </Link>
        <nav aria-label={t("nav.main")} className="main-nav">
          <Link to={localized("/")}>{t("nav.catalog")}</Link>
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
        <Form
          method="post"
          action="/set-language"
          className="lang-switch"
          aria-label={t("nav.language")}
        >
          <input type="hidden" name="redirectTo" value={here} />
          {LANGS.map((l) => (
            <button
              key={l}
              type="submit"
              name="lang"
              value={l}
              lang={l}
              aria-pressed={data?.lang === l}
              className="lang-button"
            >
              {t(`lang.switchTo.${l}`)}
            </button>
          ))}
        </Form>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang: Lang = data?.lang ?? "fi";
  const t = translator(lang);
  const nonce = useNonce();
  const localized = useLocalizedPath();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5c5a" />
        <Meta />
        <Links />
        <link rel="manifest" href={`/manifest.webmanifest?lang=${lang}`} />
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
        <footer className="site-footer">
          <div className="container">
            <p>
              {t("app.name")} · {t("app.tagline")} ·{" "}
              <Link to={localized("/privacy")}>{t("nav.privacy")}</Link>
            </p>
          </div>
        </footer>
        <RememberAddressLanguage lang={data?.addressLang ?? null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404 ? t("error.notFound") : status === 403 ? t("error.forbidden") : t("error.title");
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
