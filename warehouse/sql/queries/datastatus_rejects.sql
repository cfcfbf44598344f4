-- Rejected rows with file, sheet, row number (as a person sees it), column, value and reason;
-- of one load ($run) or, when $run is null, of every load. Newest load first.
with rejects as (
    select run_id, file, sheet, row_number, "column", value, reason
    from etl_rejects
    where $run::bigint is null or run_id = $run::bigint
),

runs as (
    select run_id, template, finished_at
    from etl_runs
),

final as (
    select r.run_id, u.template, u.finished_at, r.file,
           regexp_replace(r.file, '^.*[\\/]', '') as file_name, r.sheet, r.row_number, r."column",
           r.value, r.reason
    from rejects as r
    left join runs as u on u.run_id = r.run_id
)

select * from final
order by run_id desc, row_number, "column"
