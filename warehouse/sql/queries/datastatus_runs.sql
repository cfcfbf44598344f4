-- Every load (one row per file), newest first: file, its templates' titles in both languages
-- (etl_runs names them by id; earlier loads by their Chinese title), when, rows read, loaded,
-- rejected and changed, the data version it published, and the loader's warnings.
with runs as (
    select run_id, file_name, file, string_split(template, '、') as names, sheets, finished_at,
           rows_read, rows_loaded, rows_rejected, rows_changed, data_version, warnings
    from etl_runs
),

titled as (
    select r.run_id,
           list(coalesce(d.title_zh, t.title_zh, n.name) order by n.i) as titles_zh,
           list(coalesce(d.title_en, t.title_en, n.name) order by n.i) as titles_en
    from runs as r,
         unnest(r.names) with ordinality as n(name, i)
    left join dim_template as d on d.template = n.name
    left join dim_template as t on t.title_zh = n.name
    group by r.run_id
),

final as (
    select r.* exclude (names), coalesce(t.titles_zh, []) as titles_zh,
           coalesce(t.titles_en, []) as titles_en
    from runs as r
    left join titled as t on t.run_id = r.run_id
)

select * from final
order by finished_at desc, run_id desc
