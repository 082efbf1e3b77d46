-- The app database (Supabase Postgres in production, embedded Postgres locally): users, organizations with
-- their plan limits and billing state, members, the frontend's encrypted copy of each org API key, and the
-- record of processed Stripe webhook events. Cost data never lives here.

CREATE TABLE profiles (
    id             uuid PRIMARY KEY,
    email          text        NOT NULL UNIQUE,
    full_name      text,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The local identity provider's accounts (Supabase Auth holds these in production).
CREATE TABLE local_users (
    user_id                uuid PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    email                  text        NOT NULL UNIQUE,
    password_hash          text        NOT NULL,
    failed_login_attempts  integer     NOT NULL DEFAULT 0,
    locked_until           timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
    id                          uuid PRIMARY KEY,
    org_slug                    text        NOT NULL UNIQUE CHECK (org_slug ~ '^[a-z0-9_]{3,50}$'),
    org_name                    text        NOT NULL CHECK (char_length(org_name) BETWEEN 2 AND 200),
    plan                        text        NOT NULL DEFAULT 'STARTER'
                                            CHECK (plan IN ('STARTER', 'PROFESSIONAL', 'SCALE', 'ENTERPRISE')),
    billing_status              text        NOT NULL DEFAULT 'trialing'
                                            CHECK (billing_status IN ('trialing', 'active', 'past_due', 'canceled',
                                                'incomplete', 'incomplete_expired', 'paused', 'unpaid')),
    stripe_customer_id          text UNIQUE,
    stripe_subscription_id      text UNIQUE,
    stripe_price_id             text,
    trial_ends_at               timestamptz,
    current_period_start        timestamptz,
    current_period_end          timestamptz,
    pipelines_per_day_limit     integer CHECK (pipelines_per_day_limit > 0),
    pipelines_per_month_limit   integer CHECK (pipelines_per_month_limit > 0),
    concurrent_pipelines_limit  integer CHECK (concurrent_pipelines_limit > 0),
    seat_limit                  integer CHECK (seat_limit > 0),
    providers_limit             integer CHECK (providers_limit > 0),
    default_currency            char(3)     NOT NULL DEFAULT 'USD',
    default_timezone            text        NOT NULL DEFAULT 'UTC',
    fiscal_year_start_month     integer     NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    backend_onboarded           boolean     NOT NULL DEFAULT false,
    backend_onboarded_at        timestamptz,
    backend_api_key_fingerprint text,
    created_by                  uuid REFERENCES profiles (id),
    is_deleted                  boolean     NOT NULL DEFAULT false,
    deleted_at                  timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organization_members (
    id         uuid PRIMARY KEY,
    org_id     uuid        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('owner', 'collaborator', 'read_only')),
    status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'suspended')),
    joined_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, user_id)
);

CREATE INDEX organization_members_user ON organization_members (user_id);

-- The frontend calls the API service with the org's own key; this is the only copy it can read back,
-- encrypted with the credential cipher (context org_api_key:{org_slug}).
CREATE TABLE org_api_keys_secure (
    org_slug           text PRIMARY KEY REFERENCES organizations (org_slug) ON DELETE CASCADE,
    encrypted_api_key  bytea       NOT NULL,
    key_fingerprint    text        NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stripe_webhook_events (
    event_id      text PRIMARY KEY,
    event_type    text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
