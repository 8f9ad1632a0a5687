-- Accounts, roles, sessions, API tokens, gateway MQTT credentials and the audit log (issue 7).
-- The role matrix is in docs/security.md; it is enforced by org.energytrace.ingest.auth.AccessPolicy.

-- A site whose data may be shown to anyone (the public showcase); off unless an administrator says so.
ALTER TABLE site ADD COLUMN published boolean NOT NULL DEFAULT false;

CREATE TABLE app_user (
    user_id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,127}$'),
    role                 text NOT NULL CHECK (role IN ('system_admin', 'province_officer', 'auditor',
                                                      'enterprise_admin', 'enterprise_viewer')),
    -- the own enterprise of enterprise_admin and enterprise_viewer; null for the other roles
    enterprise_id        bigint REFERENCES enterprise,
    password_hash        text,                 -- Argon2id PHC string; null = no password login (SSO)
    must_change_password boolean NOT NULL DEFAULT true,
    disabled             boolean NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    password_changed_at  timestamptz,
    CHECK ((role IN ('enterprise_admin', 'enterprise_viewer')) = (enterprise_id IS NOT NULL))
);

-- Enterprises an auditor may read, each until its expiry.
CREATE TABLE auditor_assignment (
    user_id       bigint NOT NULL REFERENCES app_user ON DELETE CASCADE,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, enterprise_id)
);

-- Server-side sessions; the cookie carries a random id of which only the SHA-256 is stored.
CREATE TABLE auth_session (
    session_hash  text PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES app_user ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX auth_session_user_idx ON auth_session (user_id);

-- API tokens for integrations: shown once, stored as SHA-256, scoped to a role and an enterprise.
CREATE TABLE api_token (
    token_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    text NOT NULL UNIQUE,
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('system_admin', 'province_officer', 'auditor',
                                               'enterprise_admin', 'enterprise_viewer')),
    enterprise_id bigint REFERENCES enterprise,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    CHECK ((role IN ('enterprise_admin', 'enterprise_viewer', 'auditor')) = (enterprise_id IS NOT NULL))
);

-- MQTT credentials of a gateway: the Mosquitto PBKDF2-SHA512 ($7$) hash, never the password.
CREATE TABLE gateway_credential (
    gateway_id    bigint PRIMARY KEY REFERENCES gateway,
    username      text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    issued_at     timestamptz NOT NULL
);

-- Who did what, when, to which enterprise, with the state before and after.
CREATE TABLE audit_log (
    audit_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor         text NOT NULL,
    actor_role    text NOT NULL,
    action        text NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    enterprise    text,
    target        text,
    client_ip     text,
    detail        text,
    before_state  jsonb,
    after_state   jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, audit_id DESC);
CREATE INDEX audit_log_enterprise_idx ON audit_log (enterprise, at DESC);
