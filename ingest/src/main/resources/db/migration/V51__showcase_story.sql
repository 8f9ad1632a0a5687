-- Issue 20: the story a published site tells on the showcase. Names and the sector in Vietnamese
-- and English (either may be null: the page falls back to the other language, then to the code),
-- and the measures implemented at the site (energy-efficiency measures or cleaner-production
-- options): title, short description, date implemented, investment with its currency. Written as
-- a whole by PUT .../sites/{site}/story (docs/dashboards.md).

ALTER TABLE enterprise ADD COLUMN name_vi   text;
ALTER TABLE enterprise ADD COLUMN name_en   text;
ALTER TABLE enterprise ADD COLUMN sector_vi text;
ALTER TABLE enterprise ADD COLUMN sector_en text;

ALTER TABLE site ADD COLUMN name_vi text;
ALTER TABLE site ADD COLUMN name_en text;

CREATE TABLE site_measure (
    enterprise_id  bigint NOT NULL REFERENCES enterprise,
    site_id        bigint NOT NULL REFERENCES site ON DELETE CASCADE,
    position       int NOT NULL CHECK (position >= 0),
    title_vi       text,
    title_en       text,
    description_vi text,
    description_en text,
    implemented_on date NOT NULL,
    investment     numeric CHECK (investment >= 0),
    currency       text CHECK (currency ~ '^[A-Z]{3}$'),
    CHECK (title_vi IS NOT NULL OR title_en IS NOT NULL),
    PRIMARY KEY (site_id, position)
);
