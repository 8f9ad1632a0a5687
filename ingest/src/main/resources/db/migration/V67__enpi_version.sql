-- Issue 15: frozen EnPI versions (docs/verification.md §1.4). Every change to an EnPI's definition
-- (name, scope, basis, signed meters with their energy description, products) stores a new
-- immutable version; a baseline is fitted on one version and computes on it for good, whatever the
-- EnPI becomes later. definition is the snapshot the service compares and computes with:
-- {"name", "scope": {"level", "ref"}, "basis",
--  "meters": [{"meter", "sign", "carrier", "unit", "role", "boundary", "channel"}],
--  "products": ["code", ...]}.

CREATE TABLE enpi_version (
    enpi_id     bigint NOT NULL REFERENCES enpi ON DELETE CASCADE,
    version     int NOT NULL CHECK (version >= 1),
    definition  jsonb NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (enpi_id, version)
);

-- every existing EnPI gets its current definition as version 1
INSERT INTO enpi_version (enpi_id, version, definition, created_by, created_at)
SELECT e.enpi_id, 1,
       jsonb_build_object(
           'name', e.name,
           'scope', jsonb_build_object('level', e.scope_level, 'ref', e.scope_ref),
           'basis', e.basis,
           'meters', coalesce((
               SELECT jsonb_agg(jsonb_build_object(
                          'meter', m.code, 'sign', em.sign, 'carrier', m.carrier,
                          'unit', m.energy_unit, 'role', m.role,
                          'boundary', coalesce(m.boundary, ''), 'channel', m.energy_channel)
                        ORDER BY em.position)
                 FROM enpi_meter em JOIN meter m USING (meter_id)
                WHERE em.enpi_id = e.enpi_id), '[]'::jsonb),
           'products', coalesce((
               SELECT jsonb_agg(p.code ORDER BY ep.position)
                 FROM enpi_product ep JOIN product p USING (product_id)
                WHERE ep.enpi_id = e.enpi_id), '[]'::jsonb)),
       'migration V67', e.updated_at
  FROM enpi e;

-- baselines stored before V67 were fitted on some earlier state of their EnPI that was not kept:
-- they are attached to version 1, the definition as it stood at the migration
ALTER TABLE enpi_baseline ADD COLUMN enpi_version int;
UPDATE enpi_baseline SET enpi_version = 1;
ALTER TABLE enpi_baseline ALTER COLUMN enpi_version SET NOT NULL;
ALTER TABLE enpi_baseline ADD FOREIGN KEY (enpi_id, enpi_version)
    REFERENCES enpi_version (enpi_id, version);
