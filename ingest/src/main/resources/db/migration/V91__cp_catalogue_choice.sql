-- Issue 18: whether the enterprise lets the measures catalogue name it (and its site) beside an
-- implemented option's verified savings; anonymous unless it says so.
ALTER TABLE cp_option ADD COLUMN catalogue_named boolean NOT NULL DEFAULT false;
