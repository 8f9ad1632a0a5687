-- Issue 18: officers' guidance notes per sector citing measures-catalogue entries, and the
-- attendance of the public section's activities (which feeds the programme's training records and
-- the "aware" CP-lifecycle step, docs/cleaner-production.md).

-- A guidance note of a VSIC sector (prefix), written by province officers; it cites catalogue
-- entries by their id (the cp_option's id). Shown to the public only once published.
CREATE TABLE cp_guidance (
    guidance_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    sector      text NOT NULL CHECK (sector ~ '^[0-9]{1,4}$'),
    title_vi    text NOT NULL,
    title_en    text,
    body_vi     text NOT NULL,
    body_en     text,
    cites       bigint[] NOT NULL DEFAULT '{}',
    published   boolean NOT NULL DEFAULT false,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Who attended an activity (workshop, training course, study tour): one row per enterprise and
-- person; recording the same attendee again changes nothing.
CREATE TABLE cp_attendance (
    item_id       bigint NOT NULL REFERENCES cp_public_item,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    person        text NOT NULL CHECK (length(person) BETWEEN 1 AND 200),
    role          text NOT NULL CHECK (role IN ('cp_officer', 'manager', 'staff')),
    officer       text CHECK (officer ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (item_id, enterprise_id, person),
    CHECK ((role = 'cp_officer') = (officer IS NOT NULL))
);
