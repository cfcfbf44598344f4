"""Column builders and post-steps shared by several sources (codes, coordinates)."""

from __future__ import annotations

import numpy as np
import polars as pl

from etl.contract import Col
from etl.coords import COORD_SYSTEMS, bd09_to_wgs84, gcj02_to_wgs84

AREA_CODE = r"^\d{6}(\d{3}){0,2}$"
DISTRICT_CODE = r"^\d{6}$"
STREET_CODE = r"^\d{9}$"
GRID_CODE = r"^\d{12}$"
INDICATOR_CODE = r"^[a-z][a-z0-9_]{1,63}$"

CRS_VALUES = {**COORD_SYSTEMS, **{k.upper(): v for k, v in COORD_SYSTEMS.items()},
              **{k.capitalize(): v for k, v in COORD_SYSTEMS.items()}}


def enum(values: tuple[str, ...], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """An enum column's accepted spellings: each value as itself, plus aliases → value."""
    return {**{v: v for v in values}, **(aliases or {})}


def street_code(**kw) -> Col:
    return Col("street_code", ("街道编码", "街道代码", "乡镇街道编码", "街道(乡镇)编码"), "code",
               pattern=STREET_CODE, label_en="Street code", **kw)


def grid_code() -> Col:
    return Col("grid_code", ("网格编码", "网格代码", "所属网格编码"), "code", pattern=GRID_CODE,
               label_en="Grid code")


def month() -> Col:
    return Col("month", ("统计月份", "月份", "报告月份"), "month", label_en="Month")


def count(name: str, *headers: str, **kw) -> Col:
    """A count column; pass its English label as label_en=…"""
    kw.setdefault("nullable", True)
    return Col(name, headers, "int", **kw)


def tonnes(name: str, *headers: str, label_en: str) -> Col:
    return Col(name, headers, "num", nullable=True, units=("吨", "t"), label_en=label_en)


def location(required: bool = True) -> tuple[Col, ...]:
    """经度, 纬度, 坐标系; `required=False`: the coordinates may be absent or blank (a problem
    reported by phone has no position)."""
    optional = {} if required else {"required": False, "nullable": True}
    return (
        Col("lon", ("经度", "lon", "lng", "longitude"), "lon", label_en="Longitude", **optional),
        Col("lat", ("纬度", "lat", "latitude"), "lat", label_en="Latitude", **optional),
        Col("coord_sys", ("坐标系", "坐标系统", "坐标类型"), "enum", required=False, nullable=True,
            values=CRS_VALUES, label_en="Coordinate system"),
    )


def to_wgs84(df: pl.DataFrame) -> pl.DataFrame:
    """lon/lat become WGS-84; coord_sys keeps the system the file was written in (null on a row
    without coordinates, where optional)."""
    located = pl.col("lon").is_not_null() & pl.col("lat").is_not_null()
    df = df.with_columns(pl.when(located).then(pl.col("coord_sys").fill_null("WGS84"))
                         .alias("coord_sys"))
    if df.height == 0:
        return df
    lon, lat = df["lon"].to_numpy().copy(), df["lat"].to_numpy().copy()
    crs = df["coord_sys"].to_numpy()
    for name, fn in (("GCJ02", gcj02_to_wgs84), ("BD09", bd09_to_wgs84)):
        m = crs == name
        if m.any():
            lon[m], lat[m] = fn(lon[m], lat[m])
    # NOTE: a missing coordinate stays missing (null, not NaN).
    return df.with_columns(pl.Series("lon", np.round(lon, 6), nan_to_null=True),
                           pl.Series("lat", np.round(lat, 6), nan_to_null=True))
