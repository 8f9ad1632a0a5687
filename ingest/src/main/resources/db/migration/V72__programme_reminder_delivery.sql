-- E-mail of the reporting reminders (docs/programme-reporting.md, "Reminders"): a queued reminder
-- stays queued until the SMTP server accepted it (then 'sent' with sent_at); each failed attempt is
-- counted with its time and reason, and the mailer tries again on its next run.
ALTER TABLE programme_reminder
    ADD COLUMN attempts        int NOT NULL DEFAULT 0,
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN last_error      text;
