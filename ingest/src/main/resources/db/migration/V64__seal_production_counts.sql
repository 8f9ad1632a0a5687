-- Issue 15: the production counts gateways publish (production_count) are sealed day by day like
-- readings (docs/verification.md §9.1): one series per enterprise, line and product, 'cnt-<enterprise
-- id>-<line>-<product>', its rows in the local days of the site's zone; late counts a gateway
-- replays for a sealed day are marked in seal_pending by the MQTT batch transaction.

ALTER TABLE seal_series DROP CONSTRAINT seal_series_kind_check;
ALTER TABLE seal_series ADD CONSTRAINT seal_series_kind_check
    CHECK (kind IN ('reading', 'quantity', 'count'));
ALTER TABLE seal_series ADD COLUMN count_line text;
ALTER TABLE seal_series ADD COLUMN count_product text;
ALTER TABLE seal_series ADD CONSTRAINT seal_series_count
    CHECK ((kind = 'count') = (count_line IS NOT NULL AND count_product IS NOT NULL));
CREATE UNIQUE INDEX seal_series_count_key ON seal_series (enterprise_id, count_line, count_product)
    WHERE kind = 'count';
