-- Foundation: tenants, planning areas over time, variables and observations, imports, facilities.
-- Every domain table carries organization_id (the tenant and future distribution key).

create extension if not exists postgis;

create table organization (
  id integer generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  -- Amtlicher Gemeindeschlüssel (8 digits) or Regionalschlüssel (12 digits), when the tenant has one.
  official_key text check (official_key ~ '^([0-9]{8}|[0-9]{12})$'),
  min_case_number integer not null default 3 check (min_case_number >= 1),
  default_language text not null default 'de' check (default_language in ('de', 'en')),
  -- true for the Musterstadt demo; set in the same transaction that loads it.
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

-- A data import (file, generator or manual entry): every observation knows where it came from.
create table data_import (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  kind text not null check (kind in ('observations', 'boundaries', 'facilities', 'demo')),
  source_name text not null,
  source_sha256 text,
  status text not null default 'completed' check (status in ('completed', 'rolled_back')),
  row_count integer not null default 0,
  report jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index data_import_org_idx on data_import (organization_id, created_at desc);

-- Raumebene: Gesamtstadt, Stadtbezirk, Sozialraum, statistischer Block … ordered from coarse (0) to fine.
create table area_layer (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  name_de text not null,
  name_en text not null,
  level integer not null check (level >= 0),
  parent_layer_id integer references area_layer (id),
  unique (organization_id, key),
  unique (organization_id, level),
  unique (organization_id, id)
);

-- Planungsraum: a polygon with a code, a parent area in the next coarser layer and a validity period.
create table area (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  layer_id integer not null,
  code text not null,
  name text not null,
  parent_id integer references area (id),
  valid_from date not null default '1900-01-01',
  valid_to date,
  geom geometry(MultiPolygon, 4326) not null,
  import_id integer references data_import (id),
  foreign key (organization_id, layer_id) references area_layer (organization_id, id) on delete cascade,
  check (valid_to is null or valid_to > valid_from),
  unique (organization_id, layer_id, code, valid_from)
);
create index area_org_layer_idx on area (organization_id, layer_id);
create index area_parent_idx on area (parent_id);
create index area_geom_idx on area using gist (geom);

-- Merkmal: a raw count or amount.
create table variable (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  name_de text not null,
  name_en text not null,
  unit text not null,
  topic text not null,
  source text not null,
  unique (organization_id, key),
  unique (organization_id, id)
);

-- Beobachtung: variable × area × period → value with the official status symbol of German statistics.
-- period is the reference year; value is null when only a symbol is known ('.', 'x', …).
create table observation (
  organization_id integer not null references organization (id) on delete cascade,
  variable_id integer not null,
  area_id integer not null references area (id) on delete cascade,
  period integer not null check (period between 1800 and 2200),
  value double precision,
  status text check (status in ('-', '.', 'x', '/', '...', 'p', 'r', 's')),
  import_id integer references data_import (id),
  primary key (organization_id, variable_id, area_id, period),
  foreign key (organization_id, variable_id) references variable (organization_id, id) on delete cascade,
  check (value is not null or status is not null)
);
create index observation_import_idx on observation (import_id);
create index observation_area_idx on observation (area_id);

-- Träger: public body, free welfare association or private provider.
create table provider (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  name text not null,
  kind text not null check (kind in ('public', 'free_welfare', 'private')),
  -- the umbrella association of free welfare providers
  association text check (association in ('AWO', 'Caritas', 'Diakonie', 'DRK', 'Paritätischer', 'ZWST')),
  unique (organization_id, name),
  unique (organization_id, id)
);

-- Einrichtung: a point location with a category, capacity and target group.
create table facility (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  provider_id integer not null,
  category text not null check (category in (
    'kita', 'school', 'youth_centre', 'senior_centre', 'counselling', 'family_centre')),
  name text not null,
  street text,
  postcode text,
  capacity integer check (capacity >= 0),
  capacity_unit text,
  target_group text,
  opened integer,
  closed integer,
  geom geometry(Point, 4326) not null,
  import_id integer references data_import (id),
  foreign key (organization_id, provider_id) references provider (organization_id, id)
);
create index facility_org_idx on facility (organization_id, category);
create index facility_geom_idx on facility using gist (geom);
