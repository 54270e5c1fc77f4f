-- Analysis: versioned social index definitions (Sozialindex). A version is immutable once saved
-- (an edit is the next version), so an index published from (key, version, layer, period) can be
-- recomputed exactly from the same data state (modules/analysis, docs/analysis.md).

create table social_index_definition (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  version integer not null check (version >= 1),
  name_de text not null check (length(name_de) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  weighting text not null check (weighting in ('unweighted', 'population')),
  min_population double precision not null check (min_population >= 0),
  dynamics_years integer not null check (dynamics_years between 1 and 50),
  -- status: high < low ≤ very_low; dynamics: positive < negative (in SDs; Berlin MSS −1, 1, 1.5 / −1, 1)
  status_high double precision not null,
  status_low double precision not null,
  status_very_low double precision not null,
  dynamics_positive double precision not null,
  dynamics_negative double precision not null,
  -- the one field that may change: whether the public sees the classes
  published boolean not null default false,
  created_by integer references user_account (id) on delete set null,
  created_at timestamptz not null default now(),
  check (status_high < status_low and status_low <= status_very_low),
  check (dynamics_positive < dynamics_negative),
  unique (organization_id, key, version),
  unique (organization_id, id)
);

-- The indicators of a version, in order. The foreign key keeps an indicator that a saved index
-- uses from being deleted (or renamed) under it.
create table social_index_indicator (
  organization_id integer not null,
  definition_id integer not null,
  position integer not null check (position >= 0),
  indicator_key text not null,
  direction integer not null check (direction in (-1, 1)),
  weight double precision not null check (weight > 0),
  primary key (organization_id, definition_id, position),
  unique (organization_id, definition_id, indicator_key),
  foreign key (organization_id, definition_id)
    references social_index_definition (organization_id, id) on delete cascade,
  foreign key (organization_id, indicator_key) references indicator (organization_id, key)
);

-- Saved versions cannot be edited, only published or withdrawn.
create function social_index_definition_immutable() returns trigger language plpgsql as $$
begin
  if (new.organization_id, new.key, new.version, new.name_de, new.name_en, new.description,
      new.weighting, new.min_population, new.dynamics_years, new.status_high, new.status_low,
      new.status_very_low, new.dynamics_positive, new.dynamics_negative, new.created_at)
     is distinct from
     (old.organization_id, old.key, old.version, old.name_de, old.name_en, old.description,
      old.weighting, old.min_population, old.dynamics_years, old.status_high, old.status_low,
      old.status_very_low, old.dynamics_positive, old.dynamics_negative, old.created_at) then
    raise exception 'A saved social index version is immutable; save a new version instead.'
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;

create function social_index_indicator_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'A saved social index version is immutable; save a new version instead.'
    using errcode = 'check_violation';
end
$$;

create trigger social_index_definition_immutable before update on social_index_definition
  for each row execute function social_index_definition_immutable();
create trigger social_index_indicator_immutable before update on social_index_indicator
  for each row execute function social_index_indicator_immutable();
