import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Lang } from "./i18n.ts";

type RootData = { lang: Lang };

export function useLang(): Lang {
  return (useRouteLoaderData("root") as RootData | undefined)?.lang ?? "fi";
}

export function useT() {
  return translator(useLang());
}
