/** The maps on the catalog, activity and staff pages (issue #16). */
export const mapMessages = {
  "map.show": { fi: "Näytä kartalla", sv: "Visa på kartan", en: "Show on a map" },
  "map.hide": { fi: "Piilota kartta", sv: "Dölj kartan", en: "Hide the map" },
  "map.resultsLabel": {
    fi: "Kartta: tämän sivun toiminnat",
    sv: "Karta: verksamheterna på den här sidan",
    en: "Map: the activities on this page",
  },
  "map.resultsNote": {
    fi: "Kartalla ovat samat toiminnat kuin listassa. Jos vain kunta on tiedossa, merkki on kunnan keskustassa.",
    sv: "På kartan finns samma verksamheter som i listan. Om bara kommunen är känd står nålen i kommunens centrum.",
    en: "The map shows the same activities as the list. Where only the municipality is known, the pin is at its centre.",
  },
  "map.activityLabel": {
    fi: "Kartta: missä toiminta on",
    sv: "Karta: var verksamheten är",
    en: "Map: where the activity is",
  },
  "map.approximate": {
    fi: "Tarkka paikka ei ole tiedossa. Merkki on kunnan keskustassa.",
    sv: "Den exakta platsen är inte känd. Nålen står i kommunens centrum.",
    en: "The exact place is not known. The pin is at the municipality's centre.",
  },
  "map.zoomIn": { fi: "Lähennä", sv: "Zooma in", en: "Zoom in" },
  "map.zoomOut": { fi: "Loitonna", sv: "Zooma ut", en: "Zoom out" },
  "map.cluster": {
    fi: "{count} toimintaa tällä alueella",
    sv: "{count} verksamheter i det här området",
    en: "{count} activities in this area",
  },
  "map.picked": { fi: "Valittu paikka", sv: "Vald plats", en: "Chosen place" },
} as const;
