-- Named views of the SQL interface, over the physical tables (stg_*, indicator_values, ...).
create or replace view dim_area as
select area_code, area_level, parent_code, name_zh, geometry, supervisor
from stg_geography;

create or replace view dim_site as
select site_code, site_name, habitat, lon, lat, grid_code
from stg_mosquito_sites;

create or replace view dim_centre as
select centre_code, centre_name, grid_code, lon, lat
from stg_health_centres;

create or replace view stage_goals as
select indicator_id, area_code, stage_name, year, target_value, deadline, source_doc
from stg_stage_goals;

create or replace view baselines as
select indicator_id, area_code, baseline_year, baseline_value, source_doc
from stg_baselines;
