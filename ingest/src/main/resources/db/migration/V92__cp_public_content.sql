-- Issue 18: the public CP section's content, written by the province's officers: news, activities
-- (workshops, training courses, study tours, with date and attendance) and the yearly CP plan, in
-- Vietnamese and optionally English. Only published items are shown to the public. Province
-- content, not an enterprise's: no enterprise_id.
CREATE TABLE cp_public_item (
    item_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('news', 'workshop', 'training', 'study_tour', 'plan')),
    title_vi    text NOT NULL,
    title_en    text,
    body_vi     text,
    body_en     text,
    event_date  date,
    attendance  integer CHECK (attendance >= 0),
    plan_year   integer CHECK (plan_year BETWEEN 2000 AND 2100),
    published   boolean NOT NULL DEFAULT false,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL
);
