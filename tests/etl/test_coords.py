"""GCJ-02 and BD-09 back to WGS-84 within a centimetre."""

import numpy as np
import pytest

from etl.coords import bd09_to_wgs84, gcj02_to_wgs84, wgs84_to_gcj02


def test_gcj02_round_trip():
    lon = np.array([113.0, 116.397, 121.47, 104.06])
    lat = np.array([28.2, 39.909, 31.23, 30.67])
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert np.abs(glon - lon).max() > 1e-3   # the offset is real (hundreds of metres)
    back_lon, back_lat = gcj02_to_wgs84(glon, glat)
    assert np.abs(back_lon - lon).max() < 1e-7 and np.abs(back_lat - lat).max() < 1e-7


def test_bd09_known_point():
    # Baidu's own sample: Tiananmen BD-09 (116.404, 39.915) is about WGS-84 (116.3913, 39.9071).
    lon, lat = bd09_to_wgs84(np.array([116.404]), np.array([39.915]))
    assert lon[0] == pytest.approx(116.3913, abs=2e-4)
    assert lat[0] == pytest.approx(39.9071, abs=2e-4)
