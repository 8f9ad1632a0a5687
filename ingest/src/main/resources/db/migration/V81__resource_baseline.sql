-- Issue 17: a resource's stored baselines, versioned per resource and approved like EnPI baselines
-- (docs/verification.md §1): the enterprise stores and submits one, an auditor assigned to the
-- enterprise approves or returns it, never the enterprise itself. The fit is kept as it was when
-- stored (model form, baseline SEC, validity); data_hash is the SHA-256 of the baseline period's
-- data (ResourceSeries.csv) so that a later revision of an entry in the period shows.
CREATE TABLE resource_baseline (
    resource_baseline_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id   bigint NOT NULL REFERENCES enterprise,
    resource_id     bigint NOT NULL REFERENCES resource,
    version         int NOT NULL,
    product         text NOT NULL,
    period_from     date NOT NULL,
    period_to       date NOT NULL,
    model           text NOT NULL CHECK (model IN ('auto', 'ratio', 'ols', 'changepoint')),
    model_form      text NOT NULL,
    data_hash       text NOT NULL,
    fit             jsonb NOT NULL,
    method_version  text NOT NULL,
    status          text NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'superseded')),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL,
    submitted_by    text,
    submitted_at    timestamptz,
    submit_comment  text,
    returned_by     text,
    returned_at     timestamptz,
    return_comments text,
    approved_by     text,
    approved_by_role text,
    approved_at     timestamptz,
    approval_opinion text,
    superseded_at   timestamptz,
    superseded_by_version int,
    UNIQUE (resource_id, version),
    CHECK (period_from <= period_to)
);
