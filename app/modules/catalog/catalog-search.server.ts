import {
  forgetIndexReadiness,
  isMeiliUnreachable,
  meiliApiError,
  MeiliUnavailableError,
} from "#app/infra/meili.server.ts";
import type { CatalogSearch } from "./catalog-search-schema.ts";
import { searchCatalogInDatabase, type CatalogResult } from "./catalog.server.ts";
import { searchCatalogInIndex } from "./activity-search.server.ts";

export const CATALOG_PAGE_SIZE = 12;

let lastFallbackLog = 0;

/**
 * The public catalog: Meilisearch when it answers, SQLite when it does not.
 * The page says which, and never fails because search is down.
 */
export async function searchCatalog(search: CatalogSearch): Promise<CatalogResult> {
  const query = { ...search, pageSize: CATALOG_PAGE_SIZE };
  try {
    return await searchCatalogInIndex(query);
  } catch (e) {
    const expected =
      isMeiliUnreachable(e) || e instanceof MeiliUnavailableError || meiliApiError(e) !== undefined;
    if (!expected) throw e;
    // An index lost since the last readiness check: ask again next time.
    if (meiliApiError(e)) forgetIndexReadiness();
    if (Date.now() - lastFallbackLog > 60_000) {
      lastFallbackLog = Date.now();
      console.warn(
        `catalog: search index not usable now (${(e as Error).message}); serving from SQLite`,
      );
    }
    return searchCatalogInDatabase(query);
  }
}
