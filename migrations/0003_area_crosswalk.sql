-- Crosswalks between versions of a layer: how much of an old area (a closed version, valid_to set)
-- lies in each current area, by area or by residents of the finest layer. Time series of old
-- boundaries are shown on today's boundaries by redistributing counts with these weights.
-- Computed by the boundary import whenever a layer gets a new version (modules/areas/commands).

-- Composite foreign keys (organization_id, id) keep a crosswalk from joining two tenants' areas.
alter table area add constraint area_organization_id_id_key unique (organization_id, id);

create table area_crosswalk (
  organization_id integer not null references organization (id) on delete cascade,
  from_area_id integer not null,
  to_area_id integer not null,
  -- 'area': share of the old area's surface; 'population': share of its residents (finest layer)
  method text not null check (method in ('area', 'population')),
  weight double precision not null check (weight > 0 and weight <= 1),
  -- the residents' reference year of a 'population' weight
  period integer,
  import_id integer references data_import (id),
  primary key (organization_id, method, from_area_id, to_area_id),
  foreign key (organization_id, from_area_id) references area (organization_id, id) on delete cascade,
  foreign key (organization_id, to_area_id) references area (organization_id, id) on delete cascade,
  check ((method = 'population') = (period is not null))
);
create index area_crosswalk_to_idx on area_crosswalk (organization_id, to_area_id);
