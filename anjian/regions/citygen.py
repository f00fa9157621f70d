"""The synthetic city's region tree (see ``anjian.core.citygen``): districts, sub-districts and
villages under one fictitious city code, with their materialized paths set here (bulk inserts skip
``Region.save``)."""

from __future__ import annotations

from anjian.core import citygen
from anjian.regions.choices import RegionLevel
from anjian.regions.models import PATH_SEPARATOR, Region

DISTRICT_NAMES = ["东湖区", "西江区", "南山区", "北塘区", "中洲区", "新港区", "河源区", "云溪区"]
SUBDISTRICT_SUFFIX = "街道"
VILLAGE_WORDS = "东南西北上下前后新旧大小金银石木水田林山河湾"
VILLAGE_SUFFIX = ["村", "社区"]


def _region(city, code, name, level, parent):
    path = f"{parent.path if parent else PATH_SEPARATOR}{code}{PATH_SEPARATOR}"
    return Region(
        code=code,
        name=name,
        level=level,
        parent=parent,
        path=path,
        depth=path.count(PATH_SEPARATOR) - 2,
    )


@citygen.register_generator("regions", order=10)
def generate_regions(city):
    if Region._base_manager.filter(code__startswith=citygen.CITY_CODE).exists():
        raise citygen.CityExists(
            "A synthetic city is already in this database; generate it into an empty one."
        )
    top = None
    city_level = getattr(RegionLevel, "CITY", None)
    if city_level is not None:  # the tree has a city level above the districts
        (top,) = city.bulk(
            Region, [_region(city, f"{citygen.CITY_CODE}00", "滨海市", city_level, None)]
        )
    districts = city.bulk(
        Region,
        [
            _region(
                city,
                f"{citygen.CITY_CODE}{i + 1:02d}",
                DISTRICT_NAMES[i % len(DISTRICT_NAMES)]
                + ("" if i < len(DISTRICT_NAMES) else str(i)),
                RegionLevel.DISTRICT,
                top,
            )
            for i in range(city.count("districts"))
        ],
    )
    n_sub = city.count("subdistricts")
    subdistricts = city.bulk(
        Region,
        [
            _region(
                city,
                f"{districts[i % len(districts)].code}{i // len(districts) + 1:03d}",
                f"第{i + 1}{SUBDISTRICT_SUFFIX}",
                RegionLevel.SUBDISTRICT,
                districts[i % len(districts)],
            )
            for i in range(n_sub)
        ],
    )
    villages = []
    for i in range(city.count("villages")):
        parent = subdistricts[i % len(subdistricts)]
        number = i // len(subdistricts) + 1
        words = VILLAGE_WORDS
        name = words[i % len(words)] + words[(i // len(words)) % len(words)] + VILLAGE_SUFFIX[i % 2]
        villages.append(
            _region(
                city,
                f"{parent.code}{200 + number:03d}",
                f"{name}{number}",
                RegionLevel.VILLAGE,
                parent,
            )
        )
    villages = city.bulk(Region, villages)
    for level, rows in (
        ("city", [top] if top else []),
        (RegionLevel.DISTRICT, districts),
        (RegionLevel.SUBDISTRICT, subdistricts),
        (RegionLevel.VILLAGE, villages),
    ):
        city.regions_by_level[str(level)] = [r.pk for r in rows]
        city.region_paths.update((r.pk, r.path) for r in rows)
    city.extra["region_objects"] = {r.pk: r for r in [*districts, *subdistricts, *villages]}
