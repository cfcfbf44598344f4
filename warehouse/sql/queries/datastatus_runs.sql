-- Every load (one row per file), newest first: file, templates (their Chinese titles, as a list),
-- when, rows read, loaded, rejected and changed, the data version it published, and the loader's
-- warnings.
with runs as (
    select run_id, file_name, file, string_split(template, '、') as templates, sheets,
           finished_at, rows_read, rows_loaded, rows_rejected, rows_changed, data_version, warnings
    from etl_runs
),

final as (
    select *
    from runs
)

select * from final
order by finished_at desc, run_id desc
