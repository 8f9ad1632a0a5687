-- Issue 5: the EnPI domain (energy meters, production lines, products, EnPI definitions), production
-- quantities entered over the API or uploaded, and versioned baselines. Migrations V30-V39 are this
-- feature's. Codes are the ids of the API; rows are reachable from their enterprise.

-- What a meter measures, for analytics: the energy carrier (as named in the conversion table,
-- e.g. electricity, natural_gas), the unit of its energy (kWh, Nm3, t, 1000L), main or sub-meter,
-- the measurement boundary (free text) and the counter channel whose interval energy is its
-- consumption. Null until an administrator describes the meter.
ALTER TABLE meter ADD COLUMN carrier        text;
ALTER TABLE meter ADD COLUMN energy_unit    text;
ALTER TABLE meter ADD COLUMN role           text CHECK (role IN ('main', 'sub'));
ALTER TABLE meter ADD COLUMN boundary       text;
ALTER TABLE meter ADD COLUMN energy_channel text;

CREATE TABLE production_line (
    line_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    site_id       bigint NOT NULL REFERENCES site,
    code          text NOT NULL,
    name          text NOT NULL,
    UNIQUE (enterprise_id, code)
);

-- unit: UNECE Recommendation 20 code of the unit of product (TNE, HLT, H87, MTK, ...).
CREATE TABLE product (
    product_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    line_id       bigint NOT NULL REFERENCES production_line,
    code          text NOT NULL,
    name          text NOT NULL,
    unit          text NOT NULL,
    UNIQUE (enterprise_id, code)
);

-- basis: kwh_final, mj_final or toe_primary (ISO 50047: a report states its accounting).
CREATE TABLE enpi (
    enpi_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    code          text NOT NULL,
    name          text NOT NULL,
    scope_level   text NOT NULL CHECK (scope_level IN ('facility', 'line', 'process')),
    scope_ref     text NOT NULL,
    basis         text NOT NULL CHECK (basis IN ('kwh_final', 'mj_final', 'toe_primary')),
    updated_at    timestamptz NOT NULL,
    UNIQUE (enterprise_id, code)
);

CREATE TABLE enpi_meter (
    enpi_id  bigint NOT NULL REFERENCES enpi ON DELETE CASCADE,
    meter_id bigint NOT NULL REFERENCES meter,
    sign     smallint NOT NULL CHECK (sign IN (-1, 1)),
    position int NOT NULL,
    PRIMARY KEY (enpi_id, meter_id)
);

CREATE TABLE enpi_product (
    enpi_id    bigint NOT NULL REFERENCES enpi ON DELETE CASCADE,
    product_id bigint NOT NULL REFERENCES product,
    position   int NOT NULL,
    PRIMARY KEY (enpi_id, product_id)
);

-- Production of a product on a local day of its site, entered over the API or by an upload. It
-- replaces what the gateway's counters give for that day. upload_id names the upload (null: API).
CREATE TABLE production_quantity (
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    product_id    bigint NOT NULL REFERENCES product,
    day           date NOT NULL,
    quantity      double precision NOT NULL CHECK (quantity >= 0),
    source        text NOT NULL CHECK (source IN ('api', 'upload')),
    upload_id     text,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (product_id, day)
);

-- A previewed upload: the parsed rows (jsonb) and their hash. Commit stores exactly these rows once.
CREATE TABLE production_upload (
    upload_id     text PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    file_name     text NOT NULL,
    content_hash  text NOT NULL,
    rows          jsonb NOT NULL,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    committed_at  timestamptz,
    committed_by  text
);

-- A fitted baseline of an EnPI: period, requested model, the M&V report of the fit (jsonb), the
-- SHA-256 of the exported baseline data it was fitted on, and its approval. Versions count per EnPI.
CREATE TABLE enpi_baseline (
    baseline_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    enpi_id       bigint NOT NULL REFERENCES enpi,
    version       int NOT NULL,
    period_from   date NOT NULL,
    period_to     date NOT NULL,
    model         text NOT NULL CHECK (model IN ('auto', 'ratio', 'ols', 'changepoint')),
    data_hash     text NOT NULL,
    data_csv      text NOT NULL,
    fit           jsonb NOT NULL,
    method_version text NOT NULL,
    status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    approved_by   text,
    approved_at   timestamptz,
    UNIQUE (enpi_id, version)
);
