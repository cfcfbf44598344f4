-- The waterlogging ledger's reach: its latest found or eliminated date (macro ledger_reach).
select max(ledger_reach(found_date, eliminated_date)) as latest
from stg_waterlogging
