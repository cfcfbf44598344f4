-- The district of every light-trap site.
select ua.unit_code as site_code, a.area_code as district_code, a.name_zh as district_name
from unit_area as ua
join dim_area as a on a.area_code = ua.area_code and a.area_level = 'district'
where ua.unit_type = 'site'
