-- Stores written before confidential locations were coarsened at write time (docs/formats.md,
-- "Confidential locations") still hold such a location's coordinates and unit postcode in its
-- service_at_locations row, which the ORUK postcode filter and listings read. Coarsen them as a
-- write does now: no coordinates, and of the postcode only its district (all but the last three
-- characters of the compact postcode; none when that leaves fewer than two). The service's
-- document keeps the real values, as every write does (export --include-confidential).
-- A location is confidential when the mark (taxonomy signpost-safety, code
-- confidential-location) is on the service, on its service_at_locations entry or on the location.
UPDATE service_at_locations
SET latitude = NULL,
    longitude = NULL,
    postcode = CASE WHEN length(postcode) >= 5 THEN substr(postcode, 1, length(postcode) - 3) END
WHERE (latitude IS NOT NULL OR longitude IS NOT NULL OR length(postcode) >= 5)
  AND EXISTS (
    SELECT 1 FROM services s
    WHERE s.id = service_at_locations.service_id
      AND s.document LIKE '%confidential-location%'
      AND json_valid(s.document)
      AND (
        EXISTS (
          SELECT 1 FROM json_each(s.document, '$.attributes') a
          WHERE json_extract(a.value, '$.taxonomy_term.taxonomy') = 'signpost-safety'
            AND json_extract(a.value, '$.taxonomy_term.code') = 'confidential-location')
        OR EXISTS (
          SELECT 1 FROM json_each(s.document, '$.service_at_locations') sal,
                        json_each(sal.value, '$.attributes') a
          WHERE json_extract(sal.value, '$.id') = service_at_locations.id
            AND json_extract(a.value, '$.taxonomy_term.taxonomy') = 'signpost-safety'
            AND json_extract(a.value, '$.taxonomy_term.code') = 'confidential-location')
        OR EXISTS (
          SELECT 1 FROM json_each(s.document, '$.service_at_locations') sal,
                        json_each(sal.value, '$.location.attributes') a
          WHERE json_extract(sal.value, '$.id') = service_at_locations.id
            AND json_extract(a.value, '$.taxonomy_term.taxonomy') = 'signpost-safety'
            AND json_extract(a.value, '$.taxonomy_term.code') = 'confidential-location')
      )
  );
