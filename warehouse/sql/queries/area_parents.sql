-- area_code → parent_code, for walking up to the city.
select area_code, parent_code
from dim_area
