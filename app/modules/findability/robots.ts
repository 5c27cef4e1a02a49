/**
 * robots.txt: the public pages are open to crawlers; the signed-in areas,
 * forms that change state and calendar files are not worth their time (the
 * pages there need a session anyway, and search results are marked noindex).
 */
const PRIVATE_PATHS = [
  "/account",
  "/admin",
  "/attendance",
  "/dashboard",
  "/dev",
  "/follow-up",
  "/invite",
  "/login",
  "/logout",
  "/me",
  "/notifications",
  "/participants",
  "/pilot",
  "/pilot-proposal",
  "/privacy/",
  "/reports",
  "/set-language",
  "/staff",
  "/worker",
  "/api/v1",
  "/calendars",
  "/activities/*/ical",
];

export function robotsTxt(sitemapUrl: string) {
  return [
    "User-agent: *",
    ...PRIVATE_PATHS.map((p) => `Disallow: ${p}`),
    "Allow: /",
    "",
    `Sitemap: ${sitemapUrl}`,
    "",
  ].join("\n");
}
