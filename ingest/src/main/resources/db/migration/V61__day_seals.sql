-- Issue 15, tamper evidence (docs/verification.md §3): day seals per series. A series is a channel
-- (its readings, 'ch-<channel_id>') or a product (its daily production quantities,
-- 'prod-<product_id>'). Days are the series' local days in time_zone, fixed at the first seal (a
-- later change of the site's zone does not re-cut sealed days). Days sealed_from..sealed_through
-- are sealed; last_seal is the seal of the series' newest link (SealChain.GENESIS before the first).
CREATE TABLE seal_series (
    series         text PRIMARY KEY,
    enterprise_id  bigint NOT NULL REFERENCES enterprise,
    kind           text NOT NULL CHECK (kind IN ('reading', 'quantity')),
    channel_id     bigint UNIQUE,
    product_id     bigint UNIQUE REFERENCES product,
    time_zone      text NOT NULL,
    sealed_from    date NOT NULL,
    sealed_through date NOT NULL,
    last_seal      text NOT NULL,
    CHECK ((kind = 'reading') = (channel_id IS NOT NULL)),
    CHECK ((kind = 'quantity') = (product_id IS NOT NULL))
);
CREATE INDEX seal_series_enterprise_idx ON seal_series (enterprise_id, series);

-- The links, appended in chain order (link_id) and never changed: revision 0 when a day is first
-- sealed, n > 0 when rows stored later through the application changed a sealed day.
CREATE TABLE seal_link (
    link_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series    text NOT NULL REFERENCES seal_series,
    day       date NOT NULL,
    revision  integer NOT NULL CHECK (revision >= 0),
    prev_seal text NOT NULL,
    digest    text NOT NULL,
    seal      text NOT NULL,
    rows      integer NOT NULL,
    reason    text NOT NULL,
    sealed_at timestamptz NOT NULL,
    UNIQUE (series, day, revision)
);
CREATE INDEX seal_link_series_idx ON seal_link (series, link_id);

-- Rows stored through the application (MQTT ingest, the production API and uploads) for a day
-- already sealed: the sealing job appends a revision link for the day ("late data"). ts names the
-- late reading ('-infinity' for a production quantity: a day has one). A row changed by SQL behind
-- the application's back gets no entry here, so it is never sealed again and the check names it.
CREATE TABLE seal_pending (
    series    text NOT NULL REFERENCES seal_series,
    day       date NOT NULL,
    ts        timestamptz NOT NULL,
    PRIMARY KEY (series, day, ts)
);
