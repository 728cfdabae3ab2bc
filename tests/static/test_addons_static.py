"""Checks on every addon of the repository that need no Odoo and that the Odoo community's tools
(pylint-odoo, oca-odoo-pre-commit-hooks, run by bin/test) do not make: untranslated strings,
models without access rights, sudo() without a reason, fields users may write pointing at what the
addons act upon as superuser, dependencies on Odoo Enterprise."""

import ast
import csv
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
ADDONS = sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))
PO_ENTRY = re.compile(r'^msgid "(.*?)"\n((?:".*"\n)*)msgstr "(.*?)"\n((?:".*"\n)*)', re.MULTILINE)


def addon_params():
    return [pytest.param(addon, id=addon.name) for addon in ADDONS]


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def python_files(addon):
    return [p for p in addon.rglob("*.py") if "__pycache__" not in p.parts]


def declared_models(addon):
    """Models an addon creates: classes with `_name` (new, or copying another through
    `_inherit`) other than an extension (`_name` among its `_inherit`, as Odoo decides)."""
    models = {}
    for path in python_files(addon):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {}
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    try:
                        attrs[stmt.targets[0].id] = ast.literal_eval(stmt.value)
                    except ValueError:
                        continue
            name = attrs.get("_name")
            if not isinstance(name, str):
                continue
            inherit = attrs.get("_inherit")
            inherits = [inherit] if isinstance(inherit, str) else list(inherit or [])
            if name in inherits:
                continue
            models[name] = {"transient": node_is_transient(node), "abstract": node_is_abstract(node)}
    return models


def node_is_transient(node):
    return any(getattr(base, "attr", getattr(base, "id", "")) == "TransientModel" for base in node.bases)


def node_is_abstract(node):
    return any(getattr(base, "attr", getattr(base, "id", "")) == "AbstractModel" for base in node.bases)


def po_entries(path):
    """msgid -> msgstr of a .po/.pot file, multi-line strings joined, header left out."""
    text = path.read_text(encoding="utf-8")
    entries = {}
    for match in PO_ENTRY.finditer(text):
        msgid = match.group(1) + "".join(line[1:-1] for line in match.group(2).splitlines())
        msgstr = match.group(3) + "".join(line[1:-1] for line in match.group(4).splitlines())
        if msgid:
            entries[msgid] = msgstr
    return entries


def test_the_repository_has_addons():
    assert ADDONS, "no addon found at the repository root"


@pytest.mark.parametrize("addon", addon_params())
def test_manifest_lists_existing_files(addon):
    """(Files nothing lists are oca-checks-odoo-module's file-not-used.)"""
    data = manifest(addon)
    listed = [*data.get("data", []), *data.get("demo", [])]
    missing = [f for f in listed if not (addon / f).is_file()]
    assert not missing, f"listed in the manifest but missing: {missing}"


@pytest.mark.parametrize("addon", addon_params())
def test_xml_is_well_formed_and_uses_odoo_19_syntax(addon):
    for path in addon.rglob("*.xml"):
        tree = etree.parse(str(path))
        assert not tree.xpath("//tree"), f"{path.relative_to(ROOT)}: <tree> is <list> in Odoo 19"
        assert not tree.xpath("//*[@attrs or @states]"), f"{path.relative_to(ROOT)}: attrs/states are gone in Odoo 19"


@pytest.mark.parametrize("addon", addon_params())
def test_every_model_has_access_rights_and_every_right_a_model(addon):
    models = declared_models(addon)
    access_file = addon / "security" / "ir.model.access.csv"
    rows = list(csv.DictReader(access_file.open(encoding="utf-8"))) if access_file.exists() else []
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    # Abstract models (mixins) have no table, hence no access rights.
    without_rights = [
        m for m, kind in models.items() if not kind["abstract"] and "model_" + m.replace(".", "_") not in covered
    ]
    assert not without_rights, f"models without a line in security/ir.model.access.csv: {without_rights}"
    own_ids = {"model_" + m.replace(".", "_") for m in models}
    for row in rows:
        ref = row["model_id:id"]
        if "." not in ref:
            assert ref in own_ids, f"access line {row['id']} names {ref}, which this addon does not declare"


@pytest.mark.parametrize("addon", addon_params())
def test_every_term_has_a_french_translation(addon):
    pot = addon / "i18n" / f"{addon.name}.pot"
    french = addon / "i18n" / "fr.po"
    assert pot.is_file() and french.is_file(), "i18n/<addon>.pot and i18n/fr.po are required"
    terms = po_entries(pot)
    assert terms, f"{pot.name} has no term"
    translations = po_entries(french)
    untranslated = sorted(msgid for msgid in terms if not translations.get(msgid))
    assert not untranslated, f"{len(untranslated)} terms without French: {untranslated[:10]}"


@pytest.mark.parametrize("addon", addon_params())
def test_no_breakpoint_left_and_every_sudo_is_explained(addon):
    """(print() is pylint-odoo's print-used.)"""
    for path in python_files(addon):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            code = line.split("#", 1)[0]
            where = f"{path.relative_to(ROOT)}:{number}"
            assert "breakpoint(" not in code, f"{where}: breakpoint("
            if ".sudo(" in code:
                previous = lines[number - 2] if number > 1 else ""
                assert "#" in line or previous.strip().startswith("#"), f"{where}: sudo() without a comment saying why"


# Records whose rewriting, deletion or running as superuser changes what every user of the database
# gets: views, menus, actions, scheduled jobs, record rules, access rights, groups, settings,
# templates. A field of the addons pointing at one is for administrators only (groups=
# "base.group_system": nobody else may read or write it, through RPC neither), or is named below
# with the reason users may set it: what the addon does with the record it points at never runs as
# superuser, or is checked first.
SENSITIVE_COMODELS = {
    "ir.ui.view", "ir.ui.menu", "ir.actions.actions", "ir.actions.act_window", "ir.actions.server",
    "ir.actions.report", "ir.actions.client", "ir.cron", "ir.rule", "ir.model.access", "ir.model.data",
    "ir.config_parameter", "res.groups", "mail.template", "ir.attachment",
}  # fmt: skip
SET_BY_USERS = {
    ("smart.query", "group_ids"): "the groups a query is shared with: only read, to decide who sees the query",
    ("smart.query.trigger.action", "template_id"): "rendered and sent with the run-as user's rights",
    ("smart.query.trigger.action", "server_action_id"): "run with the run-as user's rights, never as superuser",
    ("crm.catalog.send", "template_id"): "rendered with the salesman's rights; its model is checked on save",
    ("crm.pipeline.trigger.action", "template_id"): "sent with the run-as user's rights; its model is checked on save",
    ("crm.stage", "move_group_ids"): "only read, to decide who may move opportunities into the stage",
    ("crm.stage", "visible_group_ids"): "only read by a record rule, to decide who sees the stage's opportunities",
    ("marketing.scenario.step", "template_id"): "set by marketing managers, copied into the step's mailing and sent "
    "with the rights of the user who started the scenario; its model is checked on save",
    ("marketing.scenario.step", "server_action_id"): "set by marketing managers, run with the rights of the user who "
    "started the scenario, never as superuser; its model is checked on save",
}
RELATIONAL_FIELDS = {"Many2one", "Many2many", "One2many"}


def relational_fields(addon):
    """(model, field name, comodel, keywords) of every relational field the addon declares."""
    found = []
    for path in python_files(addon):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            model = None
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and getattr(stmt.targets[0], "id", None) in ("_name", "_inherit"):
                    value = stmt.value
                    if isinstance(value, ast.Constant) and (model is None or stmt.targets[0].id == "_name"):
                        model = value.value
            for stmt in node.body:
                if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)):
                    continue
                call = stmt.value
                if getattr(call.func, "attr", None) not in RELATIONAL_FIELDS:
                    continue
                comodel = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else None
                keywords = {k.arg: k.value.value for k in call.keywords if isinstance(k.value, ast.Constant)}
                comodel = comodel or keywords.get("comodel_name")
                found.append((model, stmt.targets[0].id, comodel, keywords, f"{path.relative_to(ROOT)}:{stmt.lineno}"))
    return found


@pytest.mark.parametrize("addon", addon_params())
def test_no_user_writable_field_points_at_what_runs_as_superuser(addon):
    for model, name, comodel, keywords, where in relational_fields(addon):
        if comodel not in SENSITIVE_COMODELS or (model, name) in SET_BY_USERS:
            continue
        assert keywords.get("groups") == "base.group_system", (
            f"{where}: {model}.{name} points at {comodel} records and users may write it: give it "
            'groups="base.group_system" and check what it points at, or name it in SET_BY_USERS with why users may set it'
        )


@pytest.mark.parametrize("addon", addon_params())
def test_dependencies_are_community_addons_ours_or_oca_addons_pinned_in_requirements(addon):
    """Nothing depends on Odoo Enterprise; an addon from outside Odoo Community and this
    repository is an OCA wheel that requirements.txt pins (odoo-addon-<name>)."""
    from manifestoo_core.core_addons import is_core_ce_addon, is_core_ee_addon
    from manifestoo_core.odoo_series import OdooSeries

    ours = {path.name for path in ADDONS}
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pinned = {re.split(r"[=<>~! ;]", line, maxsplit=1)[0].lower().replace("_", "-") for line in requirements}
    for dependency in manifest(addon)["depends"]:
        assert not is_core_ee_addon(dependency, OdooSeries.v19_0), (
            f"{addon.name} depends on {dependency}, an Odoo Enterprise module"
        )
        if dependency in ours or is_core_ce_addon(dependency, OdooSeries.v19_0):
            continue
        assert f"odoo-addon-{dependency.replace('_', '-')}" in pinned, (
            f"{addon.name} depends on {dependency}, neither Odoo Community's nor this repository's: "
            f"pin odoo-addon-{dependency} in requirements.txt"
        )
