-- Reports (Sozialberichte, Sozialraumprofile): templates planners edit, and generated reports with
-- the data state they were built from (modules/reports, docs/reports.md).

-- A planner's version of a template (built-in templates live in code). Versions never change; an
-- edit is the next version.
create table report_template (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_-]{1,63}$'),
  version integer not null check (version >= 1),
  definition jsonb not null,
  created_by integer references user_account (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (organization_id, key, version)
);

-- One generated report. `document` is the finished report content (text, tables, figures as SVG);
-- every format is rendered from it, so a report can be re-rendered identically at any time, and
-- `data_state` records what it was built from, so a rebuild from live data can be checked.
create table report (
  id integer generated always as identity primary key,
  organization_id integer not null references organization (id) on delete cascade,
  template_key text not null,
  template_version integer not null check (template_version >= 0),
  -- numbered per organisation and template: "Sozialbericht, Version 3"
  version integer not null check (version >= 1),
  template jsonb not null,
  audience text not null check (audience in ('public', 'internal')),
  language text not null check (language in ('de', 'en')),
  layer text not null,
  period integer not null,
  formats text[] not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress real not null default 0 check (progress between 0 and 1),
  step text not null default '',
  error text,
  warnings jsonb not null default '[]'::jsonb,
  title text,
  document jsonb,
  document_sha256 text,
  data_state jsonb,
  published_at timestamptz,
  created_by integer references user_account (id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (organization_id, template_key, version),
  -- only public reports can be published
  check (published_at is null or (audience = 'public' and status = 'done')),
  unique (organization_id, id)
);
create index report_org_idx on report (organization_id, created_at desc);

create table report_file (
  organization_id integer not null,
  report_id integer not null,
  format text not null check (format in ('html', 'pdf', 'docx')),
  content bytea not null,
  sha256 text not null,
  created_at timestamptz not null default now(),
  primary key (report_id, format),
  foreign key (organization_id, report_id) references report (organization_id, id) on delete cascade
);
