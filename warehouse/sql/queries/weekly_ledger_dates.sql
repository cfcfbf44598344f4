-- The waterlogging ledger's coverage: the latest date it holds (found or eliminated).
select max(greatest(found_date, coalesce(eliminated_date, found_date))) as latest
from stg_waterlogging
