-- The creation register's units in $area (by their street) with what each is on $as_of: holds
-- (the designation holds that day: designation_holds), expiring (it holds and its 有效期至 falls
-- within the next $days days), lapsed (named, not revoked, its 有效期至 passed before $as_of and
-- no renewal given).
select u.unit_code, u.unit_name, u.street_code, s.name_zh as street_zh, s.name_en as street_en,
       left(u.street_code, 6) as district_code, u.creation_type, u.level, u.status,
       u.named_date, u.valid_until, u.revoked_date, u.lon, u.lat,
       designation_holds(u.status, u.named_date, u.valid_until, u.revoked_date, $as_of::date)
           as holds,
       designation_holds(u.status, u.named_date, u.valid_until, u.revoked_date, $as_of::date)
           and u.valid_until is not null
           and u.valid_until <= $as_of::date + $days::int as expiring,
       u.status in ('已命名', '已复核') and coalesce(u.valid_until < $as_of::date, false) as lapsed
from stg_creation_units as u
join unit_area as ua
  on ua.unit_type = 'street' and ua.unit_code = u.street_code and ua.area_code = $area
left join dim_area as s on s.area_code = u.street_code
where u.named_date is null or u.named_date <= $as_of::date
order by u.creation_type, u.unit_code
