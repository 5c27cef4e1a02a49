import {
  ACTIVITY_KINDS,
  THRESHOLD_FLAGS,
  type ActivityKind,
  type ThresholdFlag,
} from "#db/schema.ts";
import { translator, type Lang } from "#app/infra/i18n/i18n.ts";
import { stableId } from "../common/stable-ids.ts";

/**
 * Luotsi's two taxonomies in HSDS terms: the low-threshold attributes an
 * association marks on an activity, and the kind of activity. Both are
 * fixed lists in code (db/schema.ts), so their terms need no queries; names
 * and descriptions come from the message catalog in the asked language.
 */
export const TAXONOMIES = {
  threshold: {
    id: stableId("hsds-taxonomy", "threshold"),
    codes: THRESHOLD_FLAGS,
  },
  kind: {
    id: stableId("hsds-taxonomy", "kind"),
    codes: ACTIVITY_KINDS,
  },
} as const;

export type TaxonomyKey = keyof typeof TAXONOMIES;
/** Every term: which taxonomy it is in and its code there. */
export type TermRef =
  | { taxonomy: "threshold"; code: ThresholdFlag }
  | { taxonomy: "kind"; code: ActivityKind };

export function termId(term: TermRef) {
  return stableId("hsds-taxonomy-term", term.taxonomy, term.code);
}

export const ALL_TERMS: readonly TermRef[] = [
  ...THRESHOLD_FLAGS.map((code) => ({ taxonomy: "threshold" as const, code })),
  ...ACTIVITY_KINDS.map((code) => ({ taxonomy: "kind" as const, code })),
];

const termsById = new Map(ALL_TERMS.map((t) => [termId(t), t]));
const taxonomyById = new Map(
  (Object.keys(TAXONOMIES) as TaxonomyKey[]).map((k) => [TAXONOMIES[k].id, k]),
);

export function findTerm(id: string): TermRef | undefined {
  return termsById.get(id);
}

export function findTaxonomy(id: string): TaxonomyKey | undefined {
  return taxonomyById.get(id);
}

export type HsdsTaxonomy = {
  id: string;
  name: string;
  description: string;
  uri: string;
  version: string;
};

export type HsdsTaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  taxonomy_detail: HsdsTaxonomy;
  language: Lang;
  term_uri: string;
};

/** `absolute` turns an API path into the published URL (kept out of this pure module). */
export function taxonomyObject(
  key: TaxonomyKey,
  lang: Lang,
  absolute: (path: string) => string,
): HsdsTaxonomy {
  const t = translator(lang);
  const id = TAXONOMIES[key].id;
  return {
    id,
    name: t(key === "threshold" ? "openData.taxonomy.threshold" : "openData.taxonomy.kind"),
    description: t(
      key === "threshold"
        ? "openData.taxonomy.thresholdDescription"
        : "openData.taxonomy.kindDescription",
    ),
    uri: absolute(`/api/hsds/taxonomies/${id}`),
    version: "1",
  };
}

export function termObject(
  term: TermRef,
  lang: Lang,
  absolute: (path: string) => string,
): HsdsTaxonomyTerm {
  const t = translator(lang);
  const id = termId(term);
  const taxonomy = taxonomyObject(term.taxonomy, lang, absolute);
  const name = term.taxonomy === "threshold" ? t(`threshold.${term.code}`) : t(`kind.${term.code}`);
  return {
    id,
    code: term.code,
    name,
    description:
      term.taxonomy === "threshold"
        ? t(`openData.term.${term.code}`)
        : t("openData.kindTerm", { name }),
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomy.id,
    taxonomy_detail: taxonomy,
    language: lang,
    term_uri: absolute(`/api/hsds/taxonomy_terms/${id}`),
  };
}
