"""The address book: ``t4you_global_addressbook`` rows as ``AddressBookContact``.

A contact's type (``AddressBookContactType``) is read from the row: INTERNAL
contacts are USER, ``kind`` org is ORGANIZATION, every other contact is a
CUSTOMER. Telephone numbers, mail addresses and web sites are the numbered
column groups (``tel_value_1``/``tel_type_1`` …), listed in column order.
"""
from __future__ import annotations

from types import SimpleNamespace

from . import compare
from .errors import DataModelError
from .schema_inputs import given
from .search import MAX_LIMIT, paging

TABLE = "t4you_global_addressbook"
_STRINGS = {"uuid": "uuid", "fullName": "fullname", "name": "name", "surname": "surname", "otherName": "other_name",
            "department": "department", "street": "street", "city": "city", "district": "district", "cap": "cap",
            "country": "country", "customerCode": "customer_code", "category": "category", "note": "note",
            "role": "role", "site": "site", **{f"custom_{i}": f"custom_{i}" for i in range(1, 11)}}
SORT_KEYS = {"UUID": "uuid", "FULL_NAME": "fullname", "NAME": "name", "SURNAME": "surname", "OTHER_NAME": "other_name",
             "ORGANIZATION_UUID": "company_uuid", "ORGANIZATION_FULL_NAME": "company", "DEPARTMENT": "department",
             "STREET": "street", "CITY": "city", "DISTRICT": "district", "CAP": "cap", "COUNTRY": "country",
             "CUSTOMER_CODE": "customer_code", "CATEGORY": "category", "NOTE": "note", "VIP": "vip", "NPS": "nps",
             "ROLE": "role", "SITE": "site", **{f"CUSTOM_{i}": f"custom_{i}" for i in range(1, 11)}}
TYPE_SQL = {"USER": "data_source = 'INTERNAL'",
            "ORGANIZATION": "(data_source <> 'INTERNAL' AND kind = 'org')",
            "CUSTOMER": "(data_source <> 'INTERNAL' AND COALESCE(kind, 'individual') <> 'org')"}
MAIL_TYPES = {"WORK": "INTERNET_WORK", "HOME": "INTERNET_HOME"}
GROUPS = {"tel": ("tel_value_{}", "tel_type_{}", 10, {}), "mail": ("mail_value_{}", "mail_type_{}", 10, MAIL_TYPES),
          "web": ("web_value_{}", "web_type_{}", 3, {})}


class Contact:
    """One address-book row as ``AddressBookContact`` (attributes are the GraphQL fields)."""

    __slots__ = ("r",)
    _plain = {"uuid": "uuid", "fullName": "fullname", **{k: v for k, v in _STRINGS.items() if k not in ("uuid",)}}

    def __init__(self, row: dict):
        self.r = row

    def __getattr__(self, name: str):
        col = Contact._plain.get(name)
        if col is None:
            raise AttributeError(name)
        return self.r.get(col)

    @property
    def contactType(self):
        r = self.r
        if r.get("data_source") == "INTERNAL":
            return "USER"
        return "ORGANIZATION" if r.get("kind") == "org" else "CUSTOMER"

    @property
    def organization(self):
        r = self.r
        if not r.get("company_uuid") and not r.get("company"):
            return None
        return SimpleNamespace(uuid=r.get("company_uuid"), fullName=r.get("company"))

    @property
    def vip(self):
        value = self.r.get("vip")
        return None if value is None else bool(value)

    @property
    def nps(self):
        return self.r.get("nps")

    def _group(self, group: str):
        value_col, type_col, n, mapping = GROUPS[group]
        back = {v: k for k, v in mapping.items()}
        out = []
        for i in range(1, n + 1):
            value = self.r.get(value_col.format(i))
            if value:
                typ = self.r.get(type_col.format(i))
                out.append(SimpleNamespace(value=value, type=back.get(typ, typ) or None))
        return out

    @property
    def tel(self):
        return self._group("tel")

    @property
    def mail(self):
        return self._group("mail")

    @property
    def web(self):
        return self._group("web")


def _group_condition(group: str, criteria) -> tuple[str, list]:
    """Some numbered (value, type) pair of the group matches both the value and the type criteria."""
    value_col, type_col, n, mapping = GROUPS[group]
    parts, params = [], []
    for i in range(1, n + 1):
        conds = [f'"{value_col.format(i)}" IS NOT NULL']
        if given(criteria.value):
            sql, p = compare.string(f'"{value_col.format(i)}"', criteria.value)
            conds.append(sql)
            params.extend(p)
        if given(criteria.type) and criteria.type:
            sql, p = compare.one_of(f'"{type_col.format(i)}"', criteria.type, mapping)
            conds.append(sql)
            params.extend(p)
        parts.append("(" + " AND ".join(conds) + ")")
    return "(" + " OR ".join(parts) + ")", params


def where(search) -> tuple[str, list]:
    conds, params = [], []

    def add(cond) -> None:
        conds.append(cond[0])
        params.extend(cond[1])

    for field, col in _STRINGS.items():
        value = getattr(search, field, None)
        if given(value):
            add(compare.string(f'"{col}"', value))
    if given(search.contactType) and search.contactType:
        conds.append("(" + " OR ".join(TYPE_SQL[t.value] for t in search.contactType) + ")")
    if given(search.organization):
        if given(search.organization.uuid):
            add(compare.string('"company_uuid"', search.organization.uuid))
        if given(search.organization.fullName):
            add(compare.string('"company"', search.organization.fullName))
    if given(search.vip):
        conds.append("COALESCE(vip, 0) = ?")
        params.append(1 if search.vip else 0)
    if given(search.nps):
        add(compare.number('"nps"', search.nps))
    for group in ("tel", "mail", "web"):
        criteria = getattr(search, group)
        if given(criteria):
            add(_group_condition(group, criteria))
    return " AND ".join(conds) or "1", params


def _fetch(conn, sql: str, params) -> list[Contact]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [Contact(dict(zip(names, row))) for row in cur.fetchall()]


def by_uuid(store, uuid: str) -> Contact:
    with store.reader() as conn:
        found = _fetch(conn, f'SELECT * FROM "{TABLE}" WHERE uuid = ? ORDER BY owner LIMIT 1', (uuid,))
    if not found:
        raise DataModelError(f"addressbook contact {uuid!r} not found")
    return found[0]


def page(store, search) -> list[Contact]:
    limit, offset = paging(search.pagination) if given(search) else (MAX_LIMIT, 0)
    cond, params = where(search)
    key, direction = "UUID", "ASC"
    if given(search.sorting):
        if given(search.sorting.key):
            key = search.sorting.key.value
        if given(search.sorting.direction):
            direction = search.sorting.direction.value
    order = f'"{SORT_KEYS[key]}" {direction}, uuid {direction}, owner'
    if limit == 0:
        return []
    with store.reader() as conn:
        return _fetch(conn, f'SELECT * FROM "{TABLE}" WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?',
                      params + [limit, offset])


def count(store, search) -> int:
    cond, params = where(search)
    with store.reader() as conn:
        return int(conn.execute(f'SELECT COUNT(*) FROM "{TABLE}" WHERE {cond}', params).fetchone()[0])
