-- Issue 18: the public CP section's achievements and pilot sites (docs/cleaner-production.md).

-- The programme's indicators of a closed reporting period (a half-year 2026-H1 or a year 2026 whose
-- last day has passed), computed when a province officer publishes them and kept as published:
-- counts and shares only, nothing that names a facility. Shown to the public while published.
CREATE TABLE cp_achievement (
    period       text PRIMARY KEY CHECK (period ~ '^[0-9]{4}(-H[12])?$'),
    figures      jsonb NOT NULL,
    published    boolean NOT NULL,
    updated_by   text NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- A pilot site of the programme, named by a province officer, with a link to its showcase. Shown
-- to the public only while both the entry and the site itself (site.published) are published.
CREATE TABLE cp_pilot_site (
    code         text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    site_id      bigint NOT NULL REFERENCES site,
    title_vi     text NOT NULL,
    title_en     text,
    body_vi      text,
    body_en      text,
    published    boolean NOT NULL DEFAULT false,
    updated_by   text NOT NULL,
    updated_at   timestamptz NOT NULL
);
