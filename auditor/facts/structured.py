"""Contact details a page declares in schema.org structured data (JSON-LD and microdata).

Structured data is supporting evidence only (requirements.md, P5): the law asks for
information a person can see, so these facts carry ``method="structured_data"`` and the
rules must never let them turn a missing visible detail into a pass. They help to confirm
the legal name and to cross-check the visible address and numbers.

Read from every ``Organization``, ``Corporation``, ``OnlineStore``, ``Store`` or
``LocalBusiness`` node (and their common subtypes), wherever it is nested: ``name`` and
``legalName``, ``email``, ``telephone``, ``address`` (a ``PostalAddress`` or a string) and the
same fields of each ``contactPoint``. Broken markup yields fewer facts, never an exception.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from auditor.facts.addresses import is_po_box, parse_addresses, postal_country
from auditor.facts.emails import classify_email, normalise_email
from auditor.facts.identity import form_info, legal_form_of
from auditor.facts.phones import parse_phone, phone_fact
from auditor.models import AddressFact, CompanyNameFact, EmailFact, PhoneFact, Region

logger = logging.getLogger(__name__)

#: schema.org types that describe the trader. Subtypes are listed because schema.org
#: consumers do not infer the hierarchy: a ``ClothingStore`` is not tagged ``Organization``.
ORGANISATION_TYPES: frozenset[str] = frozenset(
    {
        "Organization", "Corporation", "OnlineStore", "OnlineBusiness", "LocalBusiness",
        "Store", "ClothingStore", "ElectronicsStore", "FurnitureStore", "HomeGoodsStore",
        "SportingGoodsStore", "BookStore", "ShoeStore", "JewelryStore", "HardwareStore",
        "GardenStore", "PetStore", "ToyStore", "DepartmentStore", "OutletStore",
        "GroceryStore", "ComputerStore", "MobilePhoneStore", "OfficeEquipmentStore",
    }
)

#: Properties whose organisation is not the trader: a product's brand or maker, a review's author.
_NOT_TRADER = frozenset({"brand", "manufacturer", "author", "creator", "review", "funder", "sponsor"})

_COUNTRY_NAMES = {
    "sweden": "SE", "sverige": "SE", "norway": "NO", "norge": "NO", "denmark": "DK",
    "danmark": "DK", "finland": "FI", "suomi": "FI", "germany": "DE", "deutschland": "DE",
}


@dataclass(frozen=True)
class StructuredContact:
    """What a page's structured data says about the trader's contact details and name.

    Filled by :func:`gather_structured` only; frozen so that no caller rebinds its lists.
    """

    emails: list[EmailFact] = field(default_factory=list)
    phones: list[PhoneFact] = field(default_factory=list)
    addresses: list[AddressFact] = field(default_factory=list)
    company_names: list[CompanyNameFact] = field(default_factory=list)


def gather_structured(html: str, url: str, default_region: str) -> StructuredContact:
    """Contact facts from the schema.org organisation nodes of ``html``.

    ``url`` is the page (and the site whose emails are ``same_site``); ``default_region`` is
    how a telephone number without a country code is read. Locators name the item and the
    property path, e.g. ``json-ld[0].address`` or ``microdata[1].contactPoint[0].telephone``.
    """
    out = StructuredContact()
    seen: set[tuple[str, str]] = set()
    for path, node in _organisations(html, url):
        for key in ("legalName", "name"):
            for value in _strings(node.get(key)):
                _add_name(out, seen, url, f"{path}.{key}", value)
        _add_contact(out, seen, url, path, node, default_region)
        for index, point in enumerate(_dicts(node.get("contactPoint"))):
            _add_contact(out, seen, url, f"{path}.contactPoint[{index}]", point, default_region)
        addresses = node.get("address")
        for index, address in enumerate(_as_list(addresses)):
            where = f"{path}.address[{index}]" if isinstance(addresses, list) else f"{path}.address"
            _add_address(out, seen, url, where, address, default_region)
    return out


def _items(html: str, url: str) -> dict[str, list[Any]]:
    """extruct's JSON-LD and microdata items. A broken JSON-LD script makes extruct drop all
    of them; the scripts are then read one by one so that the good ones still count."""
    # Imported on first use: with its parsers (rdflib, html5lib, BeautifulSoup) it is a fifth of
    # a second of CPU in every process that imports the engine, the crawl of a batch included,
    # which never reads structured data (its audit workers do).
    import extruct
    from extruct.utils import parse_html

    # The page parsed once for both syntaxes (extruct parses a string again for each call, with
    # this parser; neither extractor changes the tree).
    try:
        tree = parse_html(html, encoding="UTF-8")
    except Exception as error:  # what a string extruct cannot parse does to each syntax below
        logger.debug("structured data unreadable on %s: %s", url, error)
        return {"json-ld": list(_jsonld_one_by_one(html)), "microdata": []}
    items: dict[str, list[Any]] = {}
    for syntax in ("json-ld", "microdata"):
        try:
            items[syntax] = extruct.extract(tree, base_url=url, syntaxes=[syntax], uniform=True)[syntax]
        except Exception as error:  # extruct raises whatever its parsers raise
            logger.debug("structured data (%s) unreadable on %s: %s", syntax, url, error)
            items[syntax] = list(_jsonld_one_by_one(html)) if syntax == "json-ld" else []
    return items


def _jsonld_one_by_one(html: str) -> Iterator[Any]:
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, etree.ParserError):
        return
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content(), strict=False)
        except ValueError:
            continue
        yield from data if isinstance(data, list) else [data]


def _organisations(html: str, url: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every organisation node with its path, nested or in an ``@graph``."""
    for syntax, items in _items(html, url).items():
        for index, item in enumerate(items):
            yield from _walk(item, f"{syntax}[{index}]", 0)


def _walk(node: Any, path: str, depth: int) -> Iterator[tuple[str, dict[str, Any]]]:
    if depth > 8:  # structured data is shallow; deeper nesting is a loop or junk
        return
    if isinstance(node, list):
        for index, child in enumerate(node):
            yield from _walk(child, f"{path}[{index}]", depth + 1)
        return
    if not isinstance(node, dict):
        return
    if _types(node) & ORGANISATION_TYPES:
        yield path, node
    for key, child in node.items():
        # contactPoint and address are read with their organisation, not as organisations.
        if isinstance(child, dict | list) and key not in _NOT_TRADER | {"contactPoint", "address"}:
            yield from _walk(child, f"{path}.{key}", depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    """``@type`` values without their vocabulary prefix (``http://schema.org/Store`` -> ``Store``)."""
    return {value.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for value in _strings(node.get("@type"))}


def _add_contact(
    out: StructuredContact,
    seen: set[tuple[str, str]],
    url: str,
    path: str,
    node: dict[str, Any],
    default_region: str,
) -> None:
    for value in _strings(node.get("email")):
        address = normalise_email(value)
        if address is None or ("email", address) in seen:
            continue
        seen.add(("email", address))
        third_party, same_site = classify_email(address, url)
        out.emails.append(
            EmailFact(
                url=url,
                locator=f"{path}.email",
                excerpt=_excerpt("email", value),
                region=Region.MAIN,
                address=address,
                method="structured_data",
                third_party=third_party,
                same_site=same_site,
            )
        )
    for value in _strings(node.get("telephone")):
        number = parse_phone(value, default_region)
        if number is None:
            continue
        fact = phone_fact(
            number,
            raw=value,
            url=url,
            locator=f"{path}.telephone",
            excerpt=_excerpt("telephone", value),
            region=Region.MAIN,
            method="structured_data",
        )
        if ("phone", fact.e164) not in seen:
            seen.add(("phone", fact.e164))
            out.phones.append(fact)


def _form_fields(form: str) -> dict[str, Any]:
    """The kind, registration and countries of a legal form, as a CompanyNameFact holds them."""
    info = form_info(form)
    if info is None:
        return {}
    return {"kind": info.kind, "registered": info.registered, "countries": list(info.countries)}


def _add_name(out: StructuredContact, seen: set[tuple[str, str]], url: str, path: str, value: str) -> None:
    name = " ".join(value.split())
    form = legal_form_of(name)
    # A brand ("Kompis") is not a legal name; only a name with its legal form is reported.
    if form is None or ("name", name.lower()) in seen:
        return
    seen.add(("name", name.lower()))
    out.company_names.append(
        CompanyNameFact(
            url=url,
            locator=path,
            excerpt=_excerpt(path.rsplit(".", 1)[-1], value),
            region=Region.MAIN,
            name=name,
            legal_form=form,
            method="structured_data",
            **_form_fields(form),
        )
    )


def _add_address(
    out: StructuredContact,
    seen: set[tuple[str, str]],
    url: str,
    path: str,
    value: Any,
    default_region: str,
) -> None:
    if isinstance(value, str):
        # A plain string address: read it like visible text, one comma-separated part a line.
        for found in parse_addresses("\n".join(p.strip() for p in value.split(",")), default_region):
            _append_address(
                out, seen, url, path, value, found.street, found.postal_code, found.town, found.country,
                found.po_box,
            )
        return
    if not isinstance(value, dict):
        return
    street = _first(value.get("streetAddress"))
    box = _first(value.get("postOfficeBoxNumber"))
    code = _first(value.get("postalCode"))
    town = _first(value.get("addressLocality"))
    if not (street or box) or not (code or town):
        return
    country = _country(value.get("addressCountry"), code, town, default_region)
    po_box = is_po_box(street) if street else True
    _append_address(
        out, seen, url, path, json.dumps(value, ensure_ascii=False), street or f"Box {box}", code, town,
        country, po_box,
    )


def _append_address(
    out: StructuredContact,
    seen: set[tuple[str, str]],
    url: str,
    path: str,
    raw: str,
    street: str,
    code: str,
    town: str,
    country: str,
    po_box: bool,
) -> None:
    key = ("address", f"{street}|{code}|{town}".lower())
    if key in seen:
        return
    seen.add(key)
    out.addresses.append(
        AddressFact(
            url=url,
            locator=path,
            excerpt=raw[:200],
            region=Region.MAIN,
            street=street,
            postal_code=code,
            town=town,
            country=country,
            po_box=po_box,
            method="structured_data",
        )
    )


def _country(value: Any, code: str, town: str, default_region: str) -> str:
    """``addressCountry`` as ISO alpha-2 (a code, a name, or a ``Country`` node), else from the
    postal-code format."""
    name = _first(value.get("name") if isinstance(value, dict) else value)
    if len(name) == 2 and name.isalpha():
        return name.upper()
    if name.lower() in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[name.lower()]
    return postal_country(code, default_region, town=town) if code else ""


def _excerpt(key: str, value: Any) -> str:
    return f'"{key}": {json.dumps(value, ensure_ascii=False)}'[:200]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _as_list(value) if isinstance(item, dict)]


def _strings(value: Any) -> list[str]:
    """String values of a property; uniform microdata may wrap them in lists or ``@value``."""
    out: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("@value", item.get("name"))
        if isinstance(item, str | int) and str(item).strip():
            out.append(str(item).strip())
    return out


def _first(value: Any) -> str:
    strings = _strings(value)
    return strings[0] if strings else ""
