-- Issue 16, first slice: the province's cleaner-production (CP) programme registry
-- (docs/programme-reporting.md). V70-V79 are the programme feature's migrations (docs/architecture.md).
--
-- A facility of the programme is an enterprise of the platform (its code is the facility id of
-- the analytics' programme input). Every change is also in the audit log (programme.*).

-- The area officers of issue 16: a district officer reads and records for the facilities of their
-- districts, a park officer for those of their industrial parks (programme_officer_area).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('system_admin', 'province_officer', 'auditor', 'enterprise_admin',
                    'enterprise_viewer', 'district_officer', 'park_officer'));

CREATE TABLE programme_officer_area (
    user_id bigint NOT NULL REFERENCES app_user ON DELETE CASCADE,
    kind    text NOT NULL CHECK (kind IN ('district', 'park')),
    name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    PRIMARY KEY (user_id, kind, name)
);

-- The enterprise profile of the provincial registry.
CREATE TABLE programme_facility (
    enterprise_id          bigint PRIMARY KEY REFERENCES enterprise,
    legal_name_vi          text NOT NULL,
    short_name             text,
    tax_code               text CHECK (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
    vsic                   text NOT NULL CHECK (vsic ~ '^[0-9]{2,4}$'),
    district               text NOT NULL,
    commune                text,
    industrial_park        text,
    address                text,
    latitude               double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude              double precision CHECK (longitude BETWEEN -180 AND 180),
    size                   text CHECK (size IN ('micro', 'small', 'medium', 'large')),
    contact_name           text,
    contact_phone          text,
    contact_email          text,
    key_energy_user_listed boolean NOT NULL DEFAULT false,
    registered_on          date,
    updated_by             text NOT NULL,
    updated_at             timestamptz NOT NULL
);
CREATE INDEX programme_facility_district_idx ON programme_facility (district);
CREATE INDEX programme_facility_park_idx ON programme_facility (industrial_park);

-- The CP lifecycle: dated steps, appended, never changed (the history is the table).
CREATE TABLE programme_cp_step (
    step_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id     bigint NOT NULL REFERENCES enterprise,
    stage             text NOT NULL CHECK (stage IN ('aware', 'potential_assessed', 'assessment_done',
                                                     'applying', 'savings_verified')),
    step_date         date NOT NULL,
    -- aware: how (workshop, visit, material); otherwise free text
    detail            text,
    potential         boolean,
    recorded_by       text NOT NULL,
    recorded_at       timestamptz NOT NULL,
    attachment_name   text,
    attachment_type   text,
    attachment_sha256 text,
    attachment_size   int,
    attachment        bytea,
    CHECK ((stage = 'potential_assessed') = (potential IS NOT NULL)),
    CHECK (stage <> 'aware' OR detail IN ('workshop', 'visit', 'material')),
    CHECK ((attachment IS NULL) = (attachment_sha256 IS NULL))
);
CREATE INDEX programme_cp_step_enterprise_idx ON programme_cp_step (enterprise_id, step_date);

-- CP officers of an enterprise and their training.
CREATE TABLE programme_officer (
    officer_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    code          text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    name          text NOT NULL,
    appointed_on  date,
    email         text,
    phone         text,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (enterprise_id, code)
);

CREATE TABLE programme_training (
    training_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    officer_id    bigint NOT NULL REFERENCES programme_officer ON DELETE CASCADE,
    course        text NOT NULL,
    training_date date NOT NULL,
    certificate   text,
    completed     boolean NOT NULL,
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    UNIQUE (officer_id, course, training_date)
);

-- Energy a facility declared for a year, per carrier (as named in the conversion table); the
-- metered energy of its main meters comes from interval_energy. Declared wins for its carrier.
CREATE TABLE programme_energy (
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    carrier       text NOT NULL,
    unit          text NOT NULL,
    amount        double precision NOT NULL CHECK (amount >= 0),
    declared_by   text NOT NULL,
    declared_at   timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, year, carrier)
);

-- A facility's saving of one resource per unit of product over a period. It counts as verified
-- only while the EnPI baseline it names is approved (or was, and a newer version superseded it):
-- enpi_baseline's status columns (V60) decide, never a column of this table.
CREATE TABLE programme_saving (
    saving_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    resource      text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('energy', 'water', 'material')),
    carrier       text,
    unit          text NOT NULL,
    period_from   date NOT NULL,
    period_to     date NOT NULL,
    fraction      double precision NOT NULL,
    fraction_low  double precision NOT NULL,
    fraction_high double precision NOT NULL,
    confidence    double precision NOT NULL,
    amount        double precision NOT NULL,
    half_width    double precision NOT NULL DEFAULT 0,
    money         double precision,
    currency      text NOT NULL DEFAULT 'VND',
    baseline_id   bigint REFERENCES enpi_baseline,
    reference     text,
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    CHECK (period_to >= period_from),
    CHECK (fraction_low <= fraction AND fraction <= fraction_high),
    CHECK ((kind = 'energy') = (carrier IS NOT NULL)),
    UNIQUE (enterprise_id, resource, period_from, period_to)
);

-- "savings verified" names the verified saving it rests on.
ALTER TABLE programme_cp_step ADD COLUMN saving_id bigint REFERENCES programme_saving;
ALTER TABLE programme_cp_step ADD CONSTRAINT programme_cp_step_saving_check
    CHECK ((stage = 'savings_verified') = (saving_id IS NOT NULL));

-- A committed registry import (CSV): its id is the hash of the rows; committing twice stores once.
CREATE TABLE programme_registry_upload (
    upload_id    text PRIMARY KEY,
    file_name    text NOT NULL,
    rows         int NOT NULL,
    committed_by text NOT NULL,
    committed_at timestamptz NOT NULL
);
