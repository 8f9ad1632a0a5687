-- (V69, after V66 which made the table.)
-- Issue 15: a non-routine adjustment as a model term re-fitted over its days (docs/mv-method.md,
-- "Non-routine adjustments"): method refitted_term names the reporting-data column it reads
-- (variable); its coefficient is estimated from the routine residuals, so it states no value.

ALTER TABLE nonroutine_adjustment DROP CONSTRAINT nonroutine_adjustment_method_check;
ALTER TABLE nonroutine_adjustment ADD CONSTRAINT nonroutine_adjustment_method_check
    CHECK (method IN ('fixed_per_day', 'fixed_per_period', 'percentage', 'refitted_term'));
ALTER TABLE nonroutine_adjustment ADD COLUMN variable text;
ALTER TABLE nonroutine_adjustment ALTER COLUMN value DROP NOT NULL;
ALTER TABLE nonroutine_adjustment ADD CONSTRAINT nonroutine_adjustment_refitted_term
    CHECK ((method = 'refitted_term') = (variable IS NOT NULL)
           AND (method = 'refitted_term') = (value IS NULL)
           AND (method <> 'refitted_term' OR std_error = 0));
