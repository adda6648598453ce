"""Travel time between places: one small interface so a routing engine can replace it later."""

from __future__ import annotations

import math
from typing import Protocol

from solver.domain.types import TravelSettings

EARTH_RADIUS_KM = 6371.0


class TravelTimes(Protocol):
    def minutes(self, a: tuple[float, float], b: tuple[float, float]) -> int: ...


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class CrowFliesTravel:
    """Straight-line distance stretched by a road factor, at an average speed (company.yaml)."""

    def __init__(self, settings: TravelSettings):
        self.road_factor = settings.road_factor
        self.speed_kmh = settings.speed_kmh

    def minutes(self, a: tuple[float, float], b: tuple[float, float]) -> int:
        km = haversine_km(a, b) * self.road_factor
        return math.ceil(km / self.speed_kmh * 60 - 1e-9)
