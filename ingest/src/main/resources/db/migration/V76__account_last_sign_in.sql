-- When the account last signed in with its password: the accounts page lists it with the account's
-- creation, so that an administrator sees which accounts are in use and which could be disabled.
-- NULL: never signed in since this column exists.
ALTER TABLE app_user ADD COLUMN last_sign_in_at timestamptz;
