-- Social monitoring: indicator catalogue, import profiles and traceable, reversible imports.

-- Incremented by every change of an organisation's data; results and HTTP ETags are keyed by it.
alter table organization add column data_version integer not null default 0;

alter table data_import drop constraint data_import_status_check;
alter table data_import add constraint data_import_status_check
  check (status in ('completed', 'rolled_back', 'failed'));
alter table data_import add column file_name text;
alter table data_import add column profile jsonb;
alter table data_import add column finished_at timestamptz;
alter table data_import add column rolled_back_at timestamptz;
create index data_import_sha_idx on data_import (organization_id, source_sha256);

-- Kennzahl: a formula over variables (scale × numerator / denominator), parsed, never evaluated as code.
create table indicator (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  name_de text not null,
  name_en text not null,
  definition_de text not null,
  definition_en text not null,
  formula text not null,
  unit text not null,
  decimals integer not null default 1 check (decimals between 0 and 6),
  polarity text not null check (polarity in ('higher_is_better', 'higher_is_worse', 'neutral')),
  topic text not null,
  source text not null,
  -- null: the organisation's minimum case number applies
  min_case_number integer check (min_case_number >= 1),
  published boolean not null default true,
  sort_order integer not null default 0,
  updated_at timestamptz not null default now(),
  unique (organization_id, key),
  unique (organization_id, id)
);

-- A saved column mapping for files of one shape (e.g. "Einwohnermelderegister Jahresabzug").
create table import_profile (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  name text not null check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  description text not null default '',
  mapping jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, name)
);

-- Values an import replaced, so rolling the import back restores them.
create table observation_replaced (
  organization_id integer not null references organization (id) on delete cascade,
  import_id integer not null references data_import (id) on delete cascade,
  variable_id integer not null,
  area_id integer not null references area (id) on delete cascade,
  period integer not null,
  value double precision,
  status text,
  previous_import_id integer references data_import (id) on delete set null,
  primary key (organization_id, import_id, variable_id, area_id, period)
);
