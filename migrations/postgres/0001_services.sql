-- Services as lossless HSDS documents, with the columns and child tables the ORUK API filters on.
-- Ids collate as "C" so that id order is byte order, the same as SQLite's.
CREATE TABLE services (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    organization_name TEXT,
    assured_date TEXT,
    provenance_source TEXT,
    updated_at TEXT NOT NULL,
    document TEXT NOT NULL
);

CREATE TABLE taxonomy_terms (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    code TEXT,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    taxonomy TEXT
);

CREATE TABLE service_taxonomy_terms (
    service_id TEXT COLLATE "C" NOT NULL,
    taxonomy_term_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (service_id, taxonomy_term_id)
);
CREATE INDEX service_taxonomy_terms_by_term ON service_taxonomy_terms (taxonomy_term_id, service_id);

CREATE TABLE service_at_locations (
    id TEXT COLLATE "C" NOT NULL,
    service_id TEXT COLLATE "C" NOT NULL,
    location_id TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    postcode TEXT COLLATE "C",
    PRIMARY KEY (service_id, id)
);
CREATE INDEX service_at_locations_by_id ON service_at_locations (id);
-- Postcodes are stored upper case without spaces, so a prefix finds a district or sector.
CREATE INDEX service_at_locations_by_postcode ON service_at_locations (postcode);
