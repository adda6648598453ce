"""Geography: distances, points around a town on land, where clusters and their sites lie."""

from __future__ import annotations

import math
import random

from solver.generator.params import (
    CLUSTER_TOWNS,
    DEPOT,
    IEPER_PLACES,
    LAT_RANGE,
    LON_RANGE,
    PILOT_RADIUS_KM,
    SITE_RADIUS_KM,
    TEMPLATE,
)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _offset(lat: float, lon: float, km: float, angle: float) -> tuple[float, float]:
    dlat = km * math.cos(angle) / 111.2
    dlon = km * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _on_land(lat: float, lon: float) -> bool:
    # Stay inside Flanders' box and south-east of the coast line (De Panne 51.09/2.55 to
    # Knokke 51.35/3.30), so no site ends up in the North Sea or far over a border.
    coast = 51.09 + (lon - 2.55) * 0.35
    inside = LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
    return inside and lat <= coast - 0.03


def _random_point(rng: random.Random, lat: float, lon: float, r_min: float, r_max: float):
    for _ in range(100):
        point = _offset(lat, lon, rng.uniform(r_min, r_max), rng.uniform(0, 2 * math.pi))
        if _on_land(*point):
            return point
    return lat, lon


def _direction(lat0: float, lon0: float, lat: float, lon: float) -> str:
    # Suffix for generated site names ("Brugge-Noord"), to tell same-firm sites apart.
    angle = math.atan2((lon - lon0) * math.cos(math.radians(lat0)), lat - lat0)
    return ("Noord", "Oost", "Zuid", "West")[
        int(((angle + math.pi / 4) % (2 * math.pi)) // (math.pi / 2))
    ]


def _cluster_centres(rng: random.Random, n: int) -> list[tuple[str, float, float]]:
    centres = [DEPOT]
    for i in range(1, n):
        if i <= len(CLUSTER_TOWNS):
            centres.append(CLUSTER_TOWNS[i - 1])
        else:  # beyond the town list: anywhere in the box, named by number
            lat, lon = rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)
            while not _on_land(lat, lon):
                lat, lon = rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)
            centres.append((f"Regio {i + 1}", lat, lon))
    return centres


def _place_sites(rng: random.Random, index: int, town: str, lat: float, lon: float):
    """(town, lat, lon) per TEMPLATE entry: fixed towns for cluster 0, generated points else."""
    if index == 0:
        return list(IEPER_PLACES)
    places = []
    anchor = _random_point(rng, lat, lon, 0.0, 3.0)
    for spec in TEMPLATE:
        if spec.pilot:
            p = _random_point(rng, anchor[0], anchor[1], 0.3, PILOT_RADIUS_KM)
        else:
            p = _random_point(rng, lat, lon, *SITE_RADIUS_KM)
        places.append((f"{town}-{_direction(lat, lon, *p)}", p[0], p[1]))
    return places
