-- Loads (etl_runs) by id: which file, when, how many rows read, loaded and rejected.
select run_id, file_name, template, finished_at, rows_read, rows_loaded, rows_rejected,
       data_version
from etl_runs
where list_contains($ids, run_id)
order by run_id
