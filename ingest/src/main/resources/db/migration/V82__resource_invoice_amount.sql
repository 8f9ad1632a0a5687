-- Issue 17: an invoice entry of a resource may carry the money it states (amount, an ISO 4217
-- currency, VND unless named); the resource API reports the money invoiced per period and per unit
-- of product. Only invoices carry an amount; an amount always has its currency.
ALTER TABLE resource_entry
    ADD COLUMN amount numeric CHECK (amount IS NULL OR amount >= 0),
    ADD COLUMN currency text CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT resource_entry_amount_invoice CHECK (amount IS NULL OR type = 'invoice'),
    ADD CONSTRAINT resource_entry_amount_currency CHECK ((amount IS NULL) = (currency IS NULL));
