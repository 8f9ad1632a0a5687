-- Issue 17: the resources a site tracks beyond metered electricity (energy carriers, water, named
-- materials), the entries for what is not metered (deliveries, invoices, stock counts, daily use
-- from ERP exports) and their uploads. Migrations V80-V89 are this feature's (docs/resources.md).

-- kind: energy (carrier as named in the conversion table), water (a volume) or material (mass,
-- volume or pieces). unit: a unit of the analytics Units table (t, kg, m3, hl, kWh, pcs, ...).
-- A metered resource names a meter and one of its counter channels; its quantity is the channel's
-- interval quantity (interval_energy) converted to the resource's unit. Otherwise it comes from
-- resource_entry.
CREATE TABLE resource (
    resource_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    site_id       bigint NOT NULL REFERENCES site,
    code          text NOT NULL,
    name          text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('energy', 'water', 'material')),
    unit          text NOT NULL,
    carrier       text,
    meter_id      bigint REFERENCES meter,
    channel       text,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (enterprise_id, code),
    CHECK ((kind = 'energy') = (carrier IS NOT NULL)),
    CHECK ((meter_id IS NULL) = (channel IS NULL))
);

-- One entry of an unmetered resource: a delivery or an invoice (received on day), a stock count
-- (the stock at the end of day) or the use of one day (an ERP export). ref tells two deliveries of
-- one day apart (delivery note, invoice number; '' when there is one). A new quantity for the same
-- key replaces the old one and counts a revision (the audit log keeps both).
CREATE TABLE resource_entry (
    entry_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    resource_id   bigint NOT NULL REFERENCES resource,
    type          text NOT NULL CHECK (type IN ('delivery', 'invoice', 'stock_count', 'usage')),
    day           date NOT NULL,
    ref           text NOT NULL DEFAULT '',
    quantity      double precision NOT NULL CHECK (quantity >= 0),
    unit          text NOT NULL,
    source        text NOT NULL CHECK (source IN ('api', 'upload')),
    upload_id     text,
    revision      int NOT NULL DEFAULT 1,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (resource_id, type, day, ref)
);

CREATE INDEX resource_entry_day ON resource_entry (resource_id, day);

-- A committed upload of entries: its rows (jsonb) and their hash; a second commit stores nothing.
CREATE TABLE resource_upload (
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    upload_id     text NOT NULL,
    file_name     text NOT NULL,
    rows          jsonb NOT NULL,
    committed_by  text NOT NULL,
    committed_at  timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, upload_id)
);
