-- An enterprise leaves the provincial programme (closed, moved out of the province, no longer in
-- its scope): from left_on it is in no indicator, province report or period-report duty; before
-- that day it counts as it did, so the reports of past periods do not change. Its history stays.
ALTER TABLE programme_facility ADD COLUMN left_on date;
ALTER TABLE programme_facility ADD COLUMN left_reason text;
ALTER TABLE programme_facility ADD CONSTRAINT programme_facility_left_check
    CHECK ((left_on IS NULL) = (left_reason IS NULL)
           AND (left_on IS NULL OR registered_on IS NULL OR left_on > registered_on));
