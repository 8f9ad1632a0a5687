-- Units are normalised once, at the edge (V6): a reading is stored in its channel's canonical unit.
-- The channel keeps the unit its device publishes (channel.original_unit); a point published in
-- another convertible unit (Wh on a channel registered in kWh) keeps that unit here, so the value
-- as published can always be told: value / factor(original_unit). Null: the channel's
-- original_unit (nearly every row; a null costs a bit in the row's null bitmap).
ALTER TABLE reading ADD COLUMN original_unit text;
