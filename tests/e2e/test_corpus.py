"""The bundled corpus: its policy tests and coverage tables.

* every policy test passes and every rule has the four kinds of case;
* every statement of shared/domain/*.md is listed in a coverage file, mapped to rules that
  `covers` it or to a reason it is not encoded; no coverage file names a missing rule;
* every enum value of the schema has a French and an English label, and the reports of the
  bundled examples print labels and durations in words, never raw ids or ISO durations.
"""
import glob
import json
import os
import re
import subprocess
import unittest

import yaml  # Debian: python3-yaml

BIN = os.environ.get("SOUPLE_BIN", "build/cli/souple")
ROOT = os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd())
DOMAIN = os.path.join(ROOT, "..", "shared", "domain")

# Statement ids: `**AI-01**` in the rule-statement sections, `| RC-1 |` in retention tables.
STATEMENT = re.compile(r"\*\*((?:AI|PR|RT|HE|CR|GD|SC|BR|WK|CH|CK|MD|PX|MA|DC|SE|ED(?:-[A-Z]+)?)-\d+[a-z]?)\*\*|^\| (R[CH]-\d+) \|", re.M)
PREFIX_DOMAIN = [("AI-", "ai.md"), ("PR-", "processors.md"), ("RC-", "retention.md"),
                 ("RH-", "retention.md"), ("RT-", "retention.md"), ("HE-", "health.md"),
                 ("CR-", "credit.md"), ("ED-", "edpb.md"), ("GD-", "gdpr-baseline.md"),
                 ("SC-", "security-workplace-children.md"), ("BR-", "security-workplace-children.md"),
                 ("WK-", "security-workplace-children.md"), ("CH-", "security-workplace-children.md"),
                 ("CK-", "beyond/cookies.md"), ("MD-", "beyond/multi-device-consent.md"),
                 ("PX-", "beyond/email-tracking-pixels.md"), ("MA-", "beyond/mobile-apps.md"),
                 ("DC-", "beyond/dashcams-connected-vehicles.md"),
                 ("SE-", "beyond/seniors-silver-economy.md")]


def souple(*args):
    return subprocess.run([BIN, *args], capture_output=True, cwd=ROOT, timeout=600)


def rules_by_id():
    r = souple("check", "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    return {rule["id"]: rule for p in json.loads(r.stdout)["policies"] for rule in p["rules"]}


def coverage_files():
    return sorted(glob.glob(os.path.join(ROOT, "policies", "**", "coverage*.yaml"), recursive=True))


def domain_of(statement_id):
    for prefix, domain in PREFIX_DOMAIN:
        if statement_id.startswith(prefix):
            return domain
    return None


class Check(unittest.TestCase):
    def test_bundled_policies_check_without_any_diagnostic(self):
        r = souple("check")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(r.stderr.decode(), "", "the bundled corpus has no warning either")


class Lint(unittest.TestCase):
    def test_bundled_policies_have_no_lint(self):
        # Each lint is fixed, or silenced where it stands by `// lint: allow CODE reason`.
        r = souple("lint", "--strict")
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
        self.assertEqual(r.stdout, b"")


class PolicyTests(unittest.TestCase):
    def test_bundled_policy_tests_pass_with_full_coverage(self):
        r = souple("test", "--coverage", "--require-coverage")
        out = r.stdout.decode()
        self.assertEqual(r.returncode, 0, out[-6000:] + r.stderr.decode())
        self.assertRegex(out, r"\n0 of \d+ rule versions lack a kind of case\n")

    def test_regulator_cases_assert_the_kind(self):
        """A case whose outcome is the regulator's (origin: regulator) checks the finding's kind
        too, so a mistyped rule fails its regulator example. `status: none` expects no finding:
        there is no kind to check."""
        missing = []
        for path in sorted(glob.glob(os.path.join(ROOT, "policies", "**", "*.test.yaml"), recursive=True)):
            with open(path) as f:
                doc = yaml.safe_load(f)
            for case in doc.get("cases") or []:
                if case.get("origin") != "regulator":
                    continue
                for item in case.get("expect") or []:
                    if item.get("status") != "none" and "kind" not in item:
                        missing.append(f"{os.path.relpath(path, ROOT)}: {case['name']}: {item['rule']}")
        self.assertEqual(missing, [], "regulator-origin expectations without `kind:`")


class Coverage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = rules_by_id()
        cls.listed = {}  # domain -> {statement id -> entry}
        for path in coverage_files():
            with open(path) as f:
                doc = yaml.safe_load(f)
            domain = doc["domain"]
            for entry in doc["statements"]:
                entry["_file"] = os.path.relpath(path, ROOT)
                sid = entry["id"]
                previous = cls.listed.setdefault(domain, {}).get(sid)
                assert previous is None, f"{sid} listed twice ({previous and previous['_file']}, {path})"
                cls.listed[domain][sid] = entry

    def test_listed_rules_exist_and_cover_the_statement(self):
        for domain, entries in self.listed.items():
            for sid, entry in entries.items():
                rules = entry.get("rules") or []
                self.assertTrue(rules or entry.get("not_encoded"),
                                f"{entry['_file']}: {sid} has neither rules nor a not_encoded reason")
                for rule in rules:
                    self.assertIn(rule, self.rules, f"{entry['_file']}: {sid} names unknown rule {rule}")
                    self.assertIn(sid, self.rules[rule]["covers"], f"{rule} does not `covers \"{sid}\"`")

    def test_every_covers_id_is_listed(self):
        for rule_id, rule in self.rules.items():
            for sid in rule["covers"]:
                domain = domain_of(sid)
                self.assertIsNotNone(domain, f"{rule_id}: unknown statement prefix {sid}")
                self.assertIn(sid, self.listed.get(domain, {}),
                              f"{rule_id} covers {sid}, absent from the {domain} coverage files")

    def test_every_statement_of_the_domain_files_is_listed(self):
        if not os.path.isdir(DOMAIN):
            self.skipTest("shared/domain not beside the repository")
        for domain in sorted(self.listed):
            with open(os.path.join(DOMAIN, domain)) as f:
                text = f.read()
            ids = {a or b for a, b in STATEMENT.findall(text)}
            missing = sorted(ids - set(self.listed[domain]))
            extra = sorted(set(self.listed[domain]) - ids)
            self.assertEqual(missing, [], f"{domain}: statements without a coverage entry")
            self.assertEqual(extra, [], f"{domain}: coverage entries for unknown statements")



def enums(node, where="#"):
    """Every (pointer, enum node) of a JSON Schema document."""
    if isinstance(node, dict):
        if "enum" in node:
            yield where, node
        for key, value in node.items():
            yield from enums(value, where + "/" + key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from enums(value, f"{where}/{i}")


ISO_DURATION = re.compile(r"(?<![\w-])P(?:\d+[YMWD])+(?![\w-])")


class FrenchReports(unittest.TestCase):
    """What a DPO reads is in their language: enum values by their labels, durations in words."""

    @classmethod
    def setUpClass(cls):
        r = souple("schema")
        assert r.returncode == 0, r.stderr.decode()
        cls.schema = json.loads(r.stdout)

    def test_every_enum_value_has_a_label_in_both_languages(self):
        unlabelled = []
        for where, node in enums(self.schema):
            values = [v for v in node["enum"] if v is not None]
            labels = node.get("x-labels", {})
            for lang in ("fr", "en"):
                missing = [v for v in values if not labels.get(lang, {}).get(v)]
                if missing:
                    unlabelled.append(f"{where} ({lang}): {', '.join(missing)}")
        self.assertEqual(unlabelled, [], "label these values (x-labels, docs/activity-schema.md)")

    def test_every_description_has_its_french(self):
        # schemas/activity/NAME.fr.json, merged as x-description-fr: questions are asked with it.
        missing = []

        def walk(node, where):
            if isinstance(node, dict):
                if isinstance(node.get("description"), str) and not node.get("x-description-fr"):
                    missing.append(where)
                for key, value in node.items():
                    walk(value, where + "/" + key)
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}/{i}")

        walk(self.schema, "#")
        self.assertEqual(missing, [], "add their French to the section's NAME.fr.json catalogue")

    def test_reports_of_the_examples_show_no_raw_enum_value_nor_iso_duration(self):
        # Raw ids that differ from their label in the language of the report.
        raw = {"fr": set(), "en": set()}
        for _, node in enums(self.schema):
            for lang in raw:
                for value, label in node.get("x-labels", {}).get(lang, {}).items():
                    if label != value and "_" in value:
                        raw[lang].add(value)
        problems = []
        for example in sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))):
            for lang in ("fr", "en"):
                r = souple("eval", "--as-of", "2026-01-15", "--lang", lang, example)
                self.assertIn(r.returncode, (0, 1), r.stderr.decode())
                for line in r.stdout.decode().splitlines():
                    line = line.strip()
                    if line.startswith(("Faits :", "Facts:")):
                        for fact in line.split(":", 1)[1].split(";"):
                            path, _, value = fact.strip().partition(" = ")
                            if value in raw[lang] or ISO_DURATION.search(value):
                                problems.append(f"{os.path.basename(example)} [{lang}] fact {path} = {value}")
                    else:
                        for quoted in re.findall(r"« ([^»]+) »|'([^']+)'", line):
                            value = quoted[0] or quoted[1]
                            if value in raw[lang]:
                                problems.append(f"{os.path.basename(example)} [{lang}] message quotes {value}")
        self.assertEqual(problems[:40], [], f"{len(problems)} raw values in the reports")

if __name__ == "__main__":
    unittest.main()
