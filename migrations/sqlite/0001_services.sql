-- Services as lossless HSDS documents, with the columns and child tables the ORUK API filters on.
CREATE TABLE services (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    organization_name TEXT,
    assured_date TEXT,
    provenance_source TEXT,
    updated_at TEXT NOT NULL,
    document TEXT NOT NULL
);

CREATE TABLE taxonomy_terms (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    taxonomy TEXT
);

CREATE TABLE service_taxonomy_terms (
    service_id TEXT NOT NULL,
    taxonomy_term_id TEXT NOT NULL,
    PRIMARY KEY (service_id, taxonomy_term_id)
);
CREATE INDEX service_taxonomy_terms_by_term ON service_taxonomy_terms (taxonomy_term_id, service_id);

CREATE TABLE service_at_locations (
    id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    location_id TEXT,
    latitude REAL,
    longitude REAL,
    postcode TEXT,
    PRIMARY KEY (service_id, id)
);
CREATE INDEX service_at_locations_by_id ON service_at_locations (id);
-- Postcodes are stored upper case without spaces, so a prefix finds a district or sector.
CREATE INDEX service_at_locations_by_postcode ON service_at_locations (postcode);
