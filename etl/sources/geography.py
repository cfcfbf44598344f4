"""Geography (地理): city/district/street/grid polygons from GeoJSON → dim_area."""

from __future__ import annotations

import polars as pl

from etl.contract import Col, Contract, Meta, Rule
from etl.readers import read_geojson
from etl.sources._common import AREA_CODE

META = Meta("geography", "行政区划与网格", "Areas and grid cells",
            department=("市自然资源和规划局", "City natural resources and planning bureau"),
            keys=("area_code",),
            foreign_keys={"parent_code": "area"}, order=0,
            number='1', rhythm='yearly')

def _levels(df: pl.DataFrame) -> pl.DataFrame:
    n = pl.col("area_code").str.len_chars()
    level = (pl.when(n == 12).then(pl.lit("grid")).when(n == 9).then(pl.lit("street"))
             .when(pl.col("parent_code").is_null()).then(pl.lit("city")).otherwise(pl.lit("district")))
    return df.with_columns(level.alias("area_level"))


SOURCE = Contract(
    META,
    (
        Col("area_code", ("code", "区域编码", "编码", "area_code", "adcode"), "code",
            pattern=AREA_CODE,
            label_en="Area code"),
        Col("name_zh", ("name", "名称", "区域名称", "name_zh"), "text", label_en="Name"),
        # NOTE: optional English name for the UI in English; absent or blank = null.
        Col("name_en", ("name_en", "英文名称", "名称（英文）", "名称(英文)"), "text",
            required=False,
            nullable=True, label_en="English name"),
        Col("parent_code", ("parent_code", "上级编码", "parent"), "code", required=False,
            nullable=True, pattern=AREA_CODE, label_en="Parent code"),
        Col("supervisor", ("supervisor", "网格员"), "text", required=False, nullable=True,
            label_en="Grid supervisor"),
        Col("geometry", ("geometry", "几何"), "geometry", label_en="Geometry"),
    ),
    rules=(
        # NOTE: a 6-digit parent (GB/T 2260: city 990100) is a prefix without its trailing 00s,
        # so district 990102 belongs to city 990100; streets and grids extend the full code.
        Rule("parent_code", pl.col("area_code").str.starts_with(
            pl.col("parent_code").str.replace(r"^(\d{2,4}?)(00)+$", "${1}"))
            & (pl.col("area_code") != pl.col("parent_code")),
             "下级编码应以上级编码开头 / child code must start with its parent's code"),
        Rule("parent_code", pl.col("parent_code").is_not_null() | (pl.col("area_code")
                                                                   .str.len_chars() == 6),
             "街道和网格必须有上级编码 / streets and grids need a parent code"),
        Rule("geometry", pl.col("geometry").str.contains(r'"type"\s*:\s*"(Multi)?Polygon"'),
             "几何应为 Polygon 或 MultiPolygon / geometry must be a polygon"),
    ),
    post=_levels,
    reader=read_geojson,
    post_labels=(("area_level", "区域级别", "Area level"),),
)
CONTRACT = SOURCE.schema
read, transform = SOURCE.read, SOURCE.transform
