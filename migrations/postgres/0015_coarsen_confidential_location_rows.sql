-- Stores written before confidential locations were coarsened at write time (docs/formats.md,
-- "Confidential locations") still hold such a location's coordinates and unit postcode in its
-- service_at_locations row, which the ORUK postcode filter and listings read. Coarsen them as a
-- write does now: no coordinates, and of the postcode only its district (all but the last three
-- characters of the compact postcode; none when that leaves fewer than two). The service's
-- document keeps the real values, as every write does (export --include-confidential).
-- A location is confidential when the mark (taxonomy signpost-safety, code
-- confidential-location) is on the service, on its service_at_locations entry or on the location.
UPDATE service_at_locations AS loc
SET latitude = NULL,
    longitude = NULL,
    postcode = CASE WHEN length(loc.postcode) >= 5
                    THEN substr(loc.postcode, 1, length(loc.postcode) - 3) END
FROM services s
WHERE s.id = loc.service_id
  AND (loc.latitude IS NOT NULL OR loc.longitude IS NOT NULL OR length(loc.postcode) >= 5)
  AND s.document LIKE '%confidential-location%'
  AND (
    jsonb_path_exists(s.document::jsonb,
      '$.attributes[*].taxonomy_term ? (@.taxonomy == "signpost-safety" && @.code == "confidential-location")')
    OR jsonb_path_exists(s.document::jsonb,
      '$.service_at_locations[*] ? (@.id == $id) .attributes[*].taxonomy_term ? (@.taxonomy == "signpost-safety" && @.code == "confidential-location")',
      jsonb_build_object('id', loc.id))
    OR jsonb_path_exists(s.document::jsonb,
      '$.service_at_locations[*] ? (@.id == $id) .location.attributes[*].taxonomy_term ? (@.taxonomy == "signpost-safety" && @.code == "confidential-location")',
      jsonb_build_object('id', loc.id))
  );
