import { useLocation } from "@remix-run/react";

/**
 * A post form's action on a page that is an index route (`/pilot`, `/me`):
 * the page's own path. Without it Remix adds `?index` to the form's address,
 * and the person sees `/pilot?index` after sending. The index routes here
 * have a path of their own, so Remix sends the post to them either way.
 */
export function usePagePath(): string {
  return useLocation().pathname;
}
