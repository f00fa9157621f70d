"""zh-Hans translations of the city-scale strings: the pager that needs no full count."""

T = {
    "Pages": "分页",
    "previous": "上一页",
    "next": "下一页",
}
