-- Accounts: organisation settings, users, memberships with roles and area scopes, sessions, API
-- tokens, password-reset links and the audit log. Secrets (session ids, API tokens, reset tokens)
-- are stored only as SHA-256 hashes; passwords only as argon2id hashes (modules/accounts).

-- Organisation settings. A member municipality points at its district (Landkreis).
alter table organization add column logo text
  check (logo is null or (length(logo) <= 262144
    and logo ~ '^data:image/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$'));
alter table organization add column parent_organization_id integer
  references organization (id) on delete set null;
alter table organization add constraint organization_parent_not_self
  check (parent_organization_id is null or parent_organization_id <> id);
alter table organization add column updated_at timestamptz not null default now();

-- A person. Platform-wide on purpose (no organization_id): one person may work for a district and
-- for one of its towns with one password; what they may do is per organisation (membership).
create table user_account (
  id integer generated always as identity primary key,
  email text not null check (email = lower(email) and email ~ '^[^\s@]+@[^\s@]+\.[^\s@]+$'),
  display_name text not null check (length(display_name) between 1 and 200),
  password_hash text,
  disabled boolean not null default false,
  failed_logins integer not null default 0 check (failed_logins >= 0),
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (email)
);

-- A person's role in one organisation, optionally limited to some areas (area_scoped).
create table membership (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  user_id integer not null references user_account (id) on delete cascade,
  role text not null check (role in ('admin', 'planner', 'specialist', 'provider', 'council')),
  -- true: only the areas in membership_area (and their finer areas); an empty scope sees none.
  area_scoped boolean not null default false,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, user_id),
  unique (organization_id, id)
);
create index membership_user_idx on membership (user_id);

-- The areas of an area-scoped membership, e.g. a member town's territory in its district.
create table membership_area (
  organization_id integer not null references organization (id) on delete cascade,
  membership_id integer not null,
  area_id integer not null,
  primary key (organization_id, membership_id, area_id),
  foreign key (organization_id, membership_id)
    references membership (organization_id, id) on delete cascade,
  foreign key (organization_id, area_id) references area (organization_id, id) on delete cascade
);

-- A signed-in browser. id = sha256(hex) of the 256-bit cookie value, never the value itself.
create table session (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  organization_id integer not null references organization (id) on delete cascade,
  user_id integer not null references user_account (id) on delete cascade,
  csrf_secret text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  ip text,
  user_agent text
);
create index session_user_idx on session (user_id);
create index session_expires_idx on session (expires_at);

-- A token for automation: shown once, stored hashed, limited to scopes (permissions), revocable.
create table api_token (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  -- the first characters of the token, to recognise it in lists ("prt_Ab3d…")
  prefix text not null,
  scopes text[] not null,
  created_by integer references user_account (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  unique (organization_id, id)
);

-- A one-time password-reset link issued by an administrator (or the CLI).
create table password_reset (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  user_id integer not null references user_account (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_by integer references user_account (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_reset_user_idx on password_reset (user_id);

-- Who changed what, when, from which state to which: written in the transaction of the change.
create table audit_log (
  id bigint generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  actor_user_id integer references user_account (id) on delete set null,
  actor_token_id integer references api_token (id) on delete set null,
  -- who it was at the time (email, token name, "cli:<os user>", "system"): survives deletions
  actor_label text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  at timestamptz not null default now(),
  request_id text,
  ip text
);
create index audit_log_org_idx on audit_log (organization_id, at desc, id desc);
