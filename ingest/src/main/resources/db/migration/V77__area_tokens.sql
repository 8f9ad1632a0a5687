-- Issue 16: API tokens of the programme's area officers. A token may carry the role
-- district_officer or park_officer (province_officer tokens existed already); it names no
-- enterprise but the districts or industrial parks it reads (api_token_area), a subset of its
-- issuing officer's areas when issued. On every request its scope is the enterprises of those of
-- its areas the issuing account still holds (programme_officer_area), so an officer moved off a
-- district takes the district away from their tokens at once.
ALTER TABLE api_token DROP CONSTRAINT api_token_role_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_check
    CHECK (role IN ('system_admin', 'province_officer', 'auditor', 'enterprise_admin',
                    'enterprise_viewer', 'district_officer', 'park_officer'));

-- A read-only token is refused every request other than GET, HEAD and OPTIONS. Tokens of the
-- programme roles are read-only unless issued with "write": true; existing tokens keep their rights.
ALTER TABLE api_token ADD COLUMN read_only boolean NOT NULL DEFAULT false;

CREATE TABLE api_token_area (
    token_id bigint NOT NULL REFERENCES api_token ON DELETE CASCADE,
    kind     text NOT NULL CHECK (kind IN ('district', 'park')),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    PRIMARY KEY (token_id, kind, name)
);
