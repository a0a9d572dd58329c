"""Every JSON document the `souple` binary writes, validated against its schema in schemas/.

Each document is produced by the real binary (bundled examples, policies and releases, and
crafted bad inputs) and validated with python3-jsonschema; each schema is also shown to
reject a broken copy (a field removed, an unknown status...), so that a schema loosened by
mistake fails here. schemas/README.md lists the documents.

Run by ctest ("schemas: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import copy
import glob
import hashlib
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.request

import jsonschema  # Debian: python3-jsonschema
from jsonschema import Draft4Validator, Draft202012Validator

try:
    import yaml  # Debian: python3-yaml
except ImportError:  # pragma: no cover - installed by scripts/install-deps.sh
    yaml = None

BIN = os.path.abspath(os.environ.get("SOUPLE_BIN", "build/cli/souple"))
ROOT = os.path.abspath(os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd()))
EXAMPLES = os.path.join(ROOT, "examples")
POLICIES = os.path.join(ROOT, "policies")
RELEASES = os.path.join(ROOT, "releases")
SCHEMAS = os.path.join(ROOT, "schemas")
SARIF_SCHEMA = os.path.join(SCHEMAS, "external", "sarif-2.1.0.schema.json")
AS_OF = "2026-01-15"

# Schemas of the documents the CLI writes (activity.schema.json is the engine's input).
OUTPUT_SCHEMAS = sorted(os.path.basename(p)[: -len(".schema.json")]
                        for p in glob.glob(os.path.join(SCHEMAS, "*.schema.json"))
                        if not p.endswith("activity.schema.json"))


def run(*args, env=None, cwd=None):
    """The binary on the checkout's policies and schemas, whatever the working directory."""
    full_env = dict(os.environ)
    full_env["SOUPLE_HOME"] = ROOT
    full_env.update(env or {})
    return subprocess.run([BIN, *args], capture_output=True, env=full_env, cwd=cwd, timeout=300)


def run_json(*args, codes=(0, 1)):
    r = run(*args)
    if r.returncode not in codes:
        raise AssertionError(f"souple {' '.join(args)}: exit {r.returncode}\n{r.stderr.decode()}")
    return json.loads(r.stdout)


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _store():
    store = {}
    for p in glob.glob(os.path.join(SCHEMAS, "*.schema.json")):
        s = load(p)
        store[s["$id"]] = s
    return store


STORE = _store()


def validator(name):
    """Draft 2020-12 validator of schemas/NAME.schema.json; `$ref`s to the other schemas
    resolve by their `$id` (with `referencing` when jsonschema has it, else RefResolver)."""
    schema = load(os.path.join(SCHEMAS, name + ".schema.json"))
    try:
        from referencing import Registry, Resource
    except ImportError:  # jsonschema < 4.18 (Debian 12)
        return Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=STORE))
    registry = Registry().with_resources([(k, Resource.from_contents(v)) for k, v in STORE.items()])
    return Draft202012Validator(schema, registry=registry)


def sarif_validator():
    return Draft4Validator(load(SARIF_SCHEMA))


class SchemaCase(unittest.TestCase):
    def assertValid(self, name, doc, v=None):
        v = v or validator(name)
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            self.fail(f"{name}: {len(errors)} error(s), first: at {list(errors[0].absolute_path)}: "
                      f"{errors[0].message[:400]}")

    def assertInvalid(self, name, doc, v=None):
        v = v or validator(name)
        self.assertFalse(v.is_valid(doc), f"{name} accepted a broken document")


# --------------------------------------------------------------------------- the schemas

class SchemaFiles(SchemaCase):
    def test_every_schema_is_a_valid_draft_2020_12_schema_with_its_id(self):
        self.assertGreaterEqual(len(OUTPUT_SCHEMAS), 12)
        for name in OUTPUT_SCHEMAS + ["activity"]:
            with self.subTest(name):
                s = load(os.path.join(SCHEMAS, name + ".schema.json"))
                self.assertEqual(s["$schema"], "https://json-schema.org/draft/2020-12/schema")
                Draft202012Validator.check_schema(s)
                if name != "activity":
                    self.assertEqual(s["$id"], f"https://souple.invalid/schemas/{name}-1.0.json")
                    self.assertTrue(s.get("title") and s.get("description"))

    def test_every_property_has_a_description(self):
        # result.schema.json predates the rule. Conditions (allOf: if/then) restate
        # properties to constrain them: they are not where fields are documented.
        def walk(node, path, missing):
            if isinstance(node, dict):
                for key, sub in (node.get("properties") or {}).items():
                    if isinstance(sub, dict) and "description" not in sub:
                        missing.append(f"{path}/{key}")
                    walk(sub, f"{path}/{key}", missing)  # a map of schemas, not a schema
                for key, sub in node.items():
                    if key not in ("allOf", "properties"):
                        walk(sub, f"{path}/{key}", missing)
            elif isinstance(node, list):
                for i, sub in enumerate(node):
                    walk(sub, f"{path}/{i}", missing)

        for name in OUTPUT_SCHEMAS:
            if name == "result":
                continue
            with self.subTest(name):
                missing = []
                walk(load(os.path.join(SCHEMAS, name + ".schema.json")), "", missing)
                self.assertEqual(missing, [])

    def test_the_readme_lists_every_schema(self):
        with open(os.path.join(SCHEMAS, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        for name in OUTPUT_SCHEMAS:
            self.assertIn(f"`{name}.schema.json`", readme)
        self.assertIn("external/sarif-2.1.0.schema.json", readme)

    def test_the_diagnostic_codes_are_those_of_diag_codes_def(self):
        with open(os.path.join(ROOT, "engine", "src", "base", "diag_codes.def"), encoding="utf-8") as f:
            codes = re.findall(r'^X\(\w+,\s*"(\w+)",\s*"([a-z0-9-]+)"\)', f.read(), re.M)
        self.assertGreater(len(codes), 40)
        d = load(os.path.join(SCHEMAS, "diagnostics.schema.json"))["$defs"]["diagnostic"]
        self.assertEqual(d["properties"]["code"]["enum"], [c for c, _ in codes])
        self.assertEqual(set(d["properties"]["name"]["enum"]), {n for _, n in codes})
        pairs = {(x["if"]["properties"]["code"]["const"], x["then"]["properties"]["name"]["const"]) for x in d["allOf"]}
        self.assertEqual(pairs, set(codes))

    def test_the_external_sarif_schema_is_the_copy_the_readme_describes(self):
        with open(SARIF_SCHEMA, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        with open(os.path.join(SCHEMAS, "external", "README.md"), encoding="utf-8") as f:
            self.assertIn(digest, f.read())
        s = load(SARIF_SCHEMA)
        Draft4Validator.check_schema(s)
        self.assertIn("2.1.0", s["title"])


# --------------------------------------------------------------------------- diagnostics

BROKEN_POLICY = "policy x.y {\n  broken\n"
BAD_ACTIVITY = "activity: {id: A-1, name: Test, colour: red}\norganisation: {role: controler}\n"


class Diagnostics(SchemaCase):
    def diagnostics(self, *args):
        r = run(*args, "--diagnostics-format", "json")
        self.assertEqual(r.returncode, 2, r.stderr.decode())
        self.assertEqual(r.stdout, b"")
        doc = json.loads(r.stderr)
        self.assertValid("diagnostics", doc)
        return doc

    def test_check_of_a_broken_policy(self):
        with tempfile.TemporaryDirectory() as d:
            doc = self.diagnostics("check", write(d, "bad.souple", BROKEN_POLICY))
        self.assertEqual(doc[0]["code"], "E1001")
        self.assertEqual(doc[0]["location"]["line"], 2)

    def test_eval_of_a_bad_activity(self):
        with tempfile.TemporaryDirectory() as d:
            doc = self.diagnostics("eval", write(d, "bad.yaml", BAD_ACTIVITY))
        self.assertEqual([x["code"] for x in doc], ["E4002", "E4004"])
        self.assertEqual(doc[1]["help"], ["did you mean `controller`?"])

    def test_whole_file_errors_have_line_0(self):
        doc = self.diagnostics("eval", os.path.join(EXAMPLES, "no-such-file.yaml"))
        self.assertEqual(doc[0]["location"], {"file": os.path.join(EXAMPLES, "no-such-file.yaml"),
                                              "line": 0, "column": 0, "end_column": 0})

    def test_a_tampered_release(self):
        with tempfile.TemporaryDirectory() as d:
            rel = load(os.path.join(RELEASES, "2017.1.json"))
            rel["files"][0]["text"] += "\n"
            path = write(d, "tampered.json", json.dumps(rel))
            for args in (("release", "inspect", path), ("eval", "--release", path, os.path.join(EXAMPLES, "newsletter.yaml")),
                         ("schema", "--release", path)):
                with self.subTest(args[0]):
                    self.assertEqual(self.diagnostics(*args)[0]["code"], "E5004")

    def test_test_and_diff_diagnostics(self):
        with tempfile.TemporaryDirectory() as d:
            bad_test = write(d, "bad.test.yaml", "policy: cnil.health.retention\nas_of: 2026-01-15\ncases:\n"
                                                 "  - name: x\n    colour: red\n    expect: []\n")
            self.assertEqual(self.diagnostics("test", bad_test)[0]["code"], "E4002")
            bad = write(d, "bad.souple", BROKEN_POLICY)
            self.assertEqual(self.diagnostics("diff", bad, bad)[0]["code"], "E1001")

    def test_more_than_100_end_with_a_note(self):
        with tempfile.TemporaryDirectory() as d:
            many = BAD_ACTIVITY.replace(", colour: red", "") + "".join(f"x{i}: 1\n" for i in range(60))
            for n in range(3):
                write(d, f"m{n}.yaml", many)
            doc = self.diagnostics("eval", "--keep-going", d)
        self.assertEqual(len(doc), 101)
        self.assertEqual((doc[-1]["severity"], doc[-1]["code"], doc[-1]["location"]["file"]), ("note", "E5005", ""))

    def test_broken_diagnostics_are_rejected(self):
        with tempfile.TemporaryDirectory() as d:
            good = json.loads(run("eval", "--diagnostics-format", "json", write(d, "bad.yaml", BAD_ACTIVITY)).stderr)
        v = validator("diagnostics")
        self.assertValid("diagnostics", good, v)
        for mutate in (lambda x: x[0].pop("help"),
                       lambda x: x[0].update(severity="fatal"),
                       lambda x: x[0].update(code="E9999"),
                       lambda x: x[0].update(name="syntax-error"),  # E4002 is unknown-field
                       lambda x: x[0]["location"].update(line=-1),
                       lambda x: x[0]["location"].pop("end_column"),
                       lambda x: x[0].update(hint="x")):
            broken = copy.deepcopy(good)
            mutate(broken)
            self.assertInvalid("diagnostics", broken, v)


# --------------------------------------------------------------------------- lint

class Lint(SchemaCase):
    def test_the_bundled_set_and_a_policy_with_a_lint(self):
        self.assertValid("lint", run_json("lint", "--format", "json"))
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(POLICIES, "cnil", "health", "retention.souple"), encoding="utf-8") as f:
                text = f.read().replace("  applies to health_processing",
                                        "  def unused_thing = health_processing\n  applies to health_processing")
            doc = run_json("lint", "--format", "json", write(d, "retention.souple", text))
        self.assertEqual([x["code"] for x in doc], ["L001"])
        self.assertValid("lint", doc)
        for mutate in (lambda x: x[0].update(severity="error"), lambda x: x[0].update(code="E2004", name="unknown-name"),
                       lambda x: x[0].pop("message")):
            broken = copy.deepcopy(doc)
            mutate(broken)
            self.assertInvalid("lint", broken)


# --------------------------------------------------------------------------- explain

class Explain(SchemaCase):
    def test_explanations_of_every_kind_of_outcome(self):
        activity = os.path.join(EXAMPLES, "retention-findings.yaml")
        rules = ["cnil.retention.commercial.observed_ages_within_policy",       # for each element
                 "gdpr.prospecting.consent_required",                           # exempted
                 "cnil.security.guide.backups",                                 # unknown, a pair
                 "cnil.minors.age_verification.independent_third_party"]        # scope unknown
        docs = [run_json("explain", activity, "--as-of", AS_OF, "--format", "json", "--rule", r, codes=(0,))
                for r in rules]
        for doc in docs:
            self.assertValid("explain", doc)
        statuses = {x["status"] for doc in docs for x in doc["explanations"]}
        self.assertTrue({"met", "not_met", "exempted", "unknown", "scope_unknown"} <= statuses, statuses)
        no_why_not = run_json("explain", activity, "--as-of", AS_OF, "--format", "json", "--no-why-not",
                              "--rule", rules[1], codes=(0,))
        self.assertValid("explain", no_why_not)
        self.assertIsNone(no_why_not["explanations"][0]["why_not"])
        for mutate in (lambda x: x["explanations"][0].update(status="fired"),
                       lambda x: x["explanations"][0]["clauses"][0].update(clause="if"),
                       lambda x: x["explanations"][0]["clauses"][0]["expr"].pop("value"),
                       lambda x: x["explanations"][0]["why_not"]["flips"].append({"facts": [], "status": "met"})):
            broken = copy.deepcopy(docs[2])
            mutate(broken)
            self.assertInvalid("explain", broken)


# --------------------------------------------------------------------------- check --format json

class PolicySet(SchemaCase):
    def test_check_json_of_the_bundled_set(self):
        doc = run_json("check", "--format", "json")
        self.assertValid("policy-set", doc)
        self.assertGreater(len(doc["policies"]), 50)
        for mutate in (lambda x: x["policies"][0].update(until=""), lambda x: x["policies"][0].update(status="final-ish"),
                       lambda x: x["policies"][0]["rules"][0].pop("line"), lambda x: x.update(policy_set_hash="abc")):
            broken = copy.deepcopy(doc)
            mutate(broken)
            self.assertInvalid("policy-set", broken)


# --------------------------------------------------------------------------- test --format json

FAILING_TESTS = """policy: cnil.health.retention
as_of: 2026-01-15
base: {base}
cases:
  - name: wrong status and kind
    origin: regulator
    source: a regulator's example
    expect:
      - {{rule: health_retention_referentiels, status: not_met, kind: obligation}}
  - name: exhaustive, nothing expected
    expect: []
    exhaustive: true
"""


class TestResults(SchemaCase):
    def test_an_area_with_its_coverage(self):
        doc = run_json("test", os.path.join(POLICIES, "cnil", "health"), "--format", "json")
        self.assertValid("test-results", doc)
        self.assertEqual(doc["failed"], 0)
        self.assertTrue(doc["coverage"])
        broken = copy.deepcopy(doc)
        broken["cases"][0]["expectations"][0]["actual"] = "passed"
        self.assertInvalid("test-results", broken)
        broken = copy.deepcopy(doc)
        del broken["coverage"][0]["complete"]
        self.assertInvalid("test-results", broken)

    def failing(self, text):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "fail.test.yaml", text.format(base=os.path.join(EXAMPLES, "health-research.yaml")))
            r = run("test", path, "--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        return json.loads(r.stdout)

    def test_failing_cases(self):
        doc = self.failing(FAILING_TESTS)
        self.assertValid("test-results", doc)
        self.assertEqual((doc["passed"], doc["failed"]), (0, 2))
        self.assertEqual(doc["cases"][0]["origin"], "regulator")
        self.assertTrue(doc["cases"][1]["unexpected"])
        broken = copy.deepcopy(doc)
        broken["cases"][0]["passed"] = True  # a passed case with a failed expectation
        self.assertInvalid("test-results", broken)

    def test_an_expectation_without_status_is_refused_or_gives_a_status(self):
        text = FAILING_TESTS.replace("status: not_met, kind: obligation", "kind: recommendation")
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "fail.test.yaml", text.format(base=os.path.join(EXAMPLES, "health-research.yaml")))
            r = run("test", path, "--format", "json")
        if r.returncode == 2:
            return  # refused as a bad test file: fixed
        self.assertValid("test-results", json.loads(r.stdout))


# --------------------------------------------------------------------------- diff and replay

class Diff(SchemaCase):
    def test_two_releases(self):
        doc = run_json("diff", os.path.join(RELEASES, "2025.2.json"), os.path.join(RELEASES, "2026.2.json"),
                       "--format", "json")
        self.assertValid("diff", doc)
        changes = {p["change"] for p in doc["policies"]}
        self.assertTrue({"added", "revised"} <= changes, changes)
        v = validator("diff")
        for mutate in (lambda x: x["policies"][0].update(change="modified"),
                       lambda x: x["policies"][0].update(old={"id": "a", "version": "1", "status": "final", "effective": "2020-01-01"})
                       if x["policies"][0]["change"] == "added" else x["policies"][0].update(old=None),
                       lambda x: x["totals"].pop("added"),
                       lambda x: x["policies"][0]["rules"][0].update(changes=[]),
                       lambda x: x["policies"][0]["rules"][0].update(new_kind="duty"),
                       lambda x: x["old"].update(date="31/12/2025")):
            broken = copy.deepcopy(doc)
            mutate(broken)
            self.assertInvalid("diff", broken, v)

    def test_two_versions_of_a_policy_file(self):
        apps = os.path.join(POLICIES, "cnil", "mobile_apps")
        doc = run_json("diff", os.path.join(apps, "recommendation.2024.souple"),
                       os.path.join(apps, "recommendation.2025.souple"), "--format", "json")
        self.assertValid("diff", doc)
        self.assertEqual(doc["policies"][0]["change"], "new_version")


class Replay(SchemaCase):
    def test_the_examples_replayed_from_2024_2_to_2025_2(self):
        doc = run_json("diff", os.path.join(RELEASES, "2024.2.json"), os.path.join(RELEASES, "2025.2.json"),
                       "--replay", EXAMPLES, "--format", "json")
        self.assertValid("replay", doc)
        kinds = {x["change"] for a in doc["activities"] for x in a["deltas"]}
        self.assertEqual(kinds, {"appeared", "disappeared", "changed"})
        first = next(a for a in doc["activities"] if a["deltas"])
        v = validator("replay")
        for mutate in (lambda x: first_of(x)["deltas"][0].update(change="moved"),
                       lambda x: first_of(x)["deltas"][0].update(old=None, new=None),
                       lambda x: first_of(x)["deltas"][0].update(
                           new=first_of(x)["deltas"][0]["old"] or first_of(x)["deltas"][0]["new"],
                           old=first_of(x)["deltas"][0]["old"] or first_of(x)["deltas"][0]["new"],
                           change="appeared"),
                       lambda x: x["totals"].pop("newly_not_met"),
                       lambda x: x["diff"].pop("policies"),  # the nested diff is checked too
                       lambda x: first_of(x).pop("unchanged")):
            broken = copy.deepcopy(doc)
            mutate(broken)
            self.assertInvalid("replay", broken, v)
        del first


def first_of(doc):
    return next(a for a in doc["activities"] if a["deltas"])


# --------------------------------------------------------------------------- eval json, jsonl, sarif

class Eval(SchemaCase):
    def test_one_activity_a_register_as_an_array_and_as_json_lines(self):
        one = run_json("eval", "--as-of", AS_OF, "--format", "json", os.path.join(EXAMPLES, "newsletter.yaml"))
        self.assertValid("result", one)
        array = run_json("eval", "--as-of", AS_OF, "--format", "json", EXAMPLES)
        self.assertEqual(len(array), len(glob.glob(os.path.join(EXAMPLES, "*.yaml"))))
        self.assertValid("results", array)
        r = run("eval", "--as-of", AS_OF, "--format", "jsonl", EXAMPLES)
        self.assertIn(r.returncode, (0, 1), r.stderr.decode())
        lines = r.stdout.decode().splitlines()
        self.assertEqual(len(lines), len(array))
        v = validator("result")
        for line, item in zip(lines, array):
            doc = json.loads(line)
            self.assertValid("result", doc, v)
            self.assertEqual(doc, item)
        broken = copy.deepcopy(array)
        broken[-1]["findings"][0]["status"] = "failed"
        self.assertInvalid("results", broken)
        broken = copy.deepcopy(array)
        del broken[0]["summary"]
        self.assertInvalid("results", broken)

    def test_an_empty_register(self):
        with tempfile.TemporaryDirectory() as d:
            empty = write(d, "empty.jsonl", "")
            self.assertEqual(run_json("eval", "--format", "json", empty), [])
            self.assertValid("results", [])
            self.assertEqual(run("eval", "--format", "jsonl", empty).stdout, b"")
            sarif = run_json("eval", "--format", "sarif", empty)
        self.assertValid("sarif-subset", sarif)
        self.assertValid("sarif", sarif, sarif_validator())


class Sarif(SchemaCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = run_json("eval", "--as-of", AS_OF, "--format", "sarif", *sorted(glob.glob(os.path.join(EXAMPLES, "*.yaml"))))

    def test_valid_against_the_standard_and_the_subset(self):
        self.assertValid("sarif", self.doc, sarif_validator())
        self.assertValid("sarif-subset", self.doc)
        results = self.doc["runs"][0]["results"]
        self.assertEqual({r["level"] for r in results}, {"error", "warning", "note"})
        self.assertTrue(any("region" in r["locations"][0]["physicalLocation"] for r in results))

    def test_english(self):
        doc = run_json("eval", "--as-of", AS_OF, "--format", "sarif", "--lang", "en", os.path.join(EXAMPLES, "newsletter.yaml"))
        self.assertValid("sarif", doc, sarif_validator())
        self.assertValid("sarif-subset", doc)

    def test_broken_logs_are_rejected(self):
        std = sarif_validator()
        for mutate in (lambda x: x.update(version="2.0.0"),
                       lambda x: x["runs"][0]["results"][0].update(level="fatal"),
                       lambda x: x["runs"][0]["results"][0].update(kind="failed"),
                       lambda x: x["runs"][0]["tool"].pop("driver"),
                       lambda x: x["runs"][0]["results"][0]["locations"][0]["physicalLocation"].update(
                           region={"startLine": 0})):
            broken = copy.deepcopy(self.doc)
            mutate(broken)
            self.assertInvalid("sarif", broken, std)
            self.assertInvalid("sarif-subset", broken)
        # What the standard allows but Souple does not write.
        for mutate in (lambda x: x["runs"][0]["results"][0].pop("partialFingerprints"),
                       lambda x: x["runs"][0]["results"][0]["properties"].update(status="met"),
                       lambda x: x["runs"].append(copy.deepcopy(x["runs"][0]))):
            broken = copy.deepcopy(self.doc)
            mutate(broken)
            self.assertInvalid("sarif-subset", broken)

    def test_keep_going_prints_the_valid_entries_as_json_does(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(EXAMPLES, "newsletter.yaml"), encoding="utf-8") as f:
                write(d, "a.yaml", f.read())
            write(d, "b.yaml", BAD_ACTIVITY)
            as_json = run("eval", "--keep-going", "--as-of", AS_OF, "--format", "json", d)
            self.assertEqual(as_json.returncode, 2)
            self.assertValid("results", json.loads(as_json.stdout))  # the good entry, exit 2
            r = run("eval", "--keep-going", "--as-of", AS_OF, "--format", "sarif", d)
        self.assertEqual(r.returncode, 2)
        doc = json.loads(r.stdout)
        self.assertValid("sarif-subset", doc)
        self.assertEqual(len(doc["runs"][0]["artifacts"]), 1)

    def test_a_file_name_that_is_not_utf8(self):
        # json and jsonl replace the bad bytes with U+FFFD; SARIF's renderer throws instead.
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(EXAMPLES, "newsletter.yaml"), "rb") as f:
                text = f.read()
            path = os.path.join(os.fsencode(d), b"lettre-\xff.yaml")
            with open(path, "wb") as f:
                f.write(text)
            as_json = run("eval", "--as-of", AS_OF, "--format", "json", path)
            self.assertIn(as_json.returncode, (0, 1), as_json.stderr.decode(errors="replace"))
            self.assertValid("result", json.loads(as_json.stdout))
            r = run("eval", "--as-of", AS_OF, "--format", "sarif", path)
        self.assertIn(r.returncode, (0, 1), r.stderr.decode(errors="replace"))
        self.assertValid("sarif-subset", json.loads(r.stdout))

    def test_uris_are_uri_references_for_any_file_name(self):
        # RFC 3986: unreserved, reserved and %-escapes only (SARIF 3.10.2: a URI reference).
        uri_reference = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(EXAMPLES, "newsletter.yaml"), encoding="utf-8") as f:
                path = write(d, "lettre d'information é.yaml", f.read())
            doc = run_json("eval", "--as-of", AS_OF, "--format", "sarif", path)
        uris = [a["location"]["uri"] for a in doc["runs"][0]["artifacts"]]
        uris += [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]]
        for uri in uris:
            self.assertRegex(uri, uri_reference)


# --------------------------------------------------------------------------- releases

class Release(SchemaCase):
    def test_the_bundled_releases_and_a_fresh_build(self):
        v = validator("release")
        for path in sorted(glob.glob(os.path.join(RELEASES, "*.json"))):
            with self.subTest(os.path.basename(path)):
                self.assertValid("release", load(path), v)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.json")
            r = run("release", "build", "--id", "t.1", "--date", AS_OF, "-o", out)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            doc = load(out)
        self.assertValid("release", doc, v)
        for mutate in (lambda x: x.update(hash=x["hash"][len("sha256:"):]), lambda x: x.update(files=[]),
                       lambda x: x["files"][0].pop("sha256"), lambda x: x.update(format_version="2.0"),
                       lambda x: x["policies"][0].update(rules="9")):
            broken = copy.deepcopy(doc)
            mutate(broken)
            self.assertInvalid("release", broken, v)

    def inspect(self, path):
        return run_json("release", "inspect", path, "--format", "json", codes=(0,))

    def test_inspect(self):
        path = os.path.join(RELEASES, "2026.2.json")
        doc = self.inspect(path)
        self.assertValid("release-inspect", doc)
        full = load(path)
        self.assertEqual((doc["release"], doc["hash"], doc["policies"]), (full["release"], full["hash"], full["policies"]))
        self.assertInvalid("release-inspect", full)  # the manifest carries no text
        broken = copy.deepcopy(doc)
        broken["policies"][0]["status"] = "published"
        self.assertInvalid("release-inspect", broken)

    def test_inspect_describes_the_release_schema_and_files(self):
        path = os.path.join(RELEASES, "2026.2.json")
        doc, full = self.inspect(path), load(path)
        self.assertEqual(doc["schema"]["sha256"], full["schema"]["sha256"])
        self.assertEqual([(f["path"], f["sha256"]) for f in doc["files"]],
                         [(f["path"], f["sha256"]) for f in full["files"]])


class Signature(SchemaCase):
    def setUp(self):
        if b"keygen" not in run("release", "--help").stdout:
            self.skipTest("this souple predates release signing")
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.sec, self.pub = (os.path.join(self.dir.name, n) for n in ("me.sec", "me.pub"))
        r = run("release", "keygen", "--secret-key", self.sec, "--public-key", self.pub)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.release = os.path.join(self.dir.name, "2017.1.json")
        with open(os.path.join(RELEASES, "2017.1.json"), encoding="utf-8") as f:
            write(self.dir.name, "2017.1.json", f.read())

    def test_a_signature_and_a_refused_one(self):
        r = run("release", "sign", self.release, "--key", self.sec)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        sig = load(self.release + ".sig")
        self.assertValid("signature", sig)
        self.assertEqual((sig["release"], sig["hash"]), (load(self.release)["release"], load(self.release)["hash"]))
        for mutate in (lambda x: x.update(algorithm="rsa"), lambda x: x.update(signature="abc"),
                       lambda x: x.pop("key_id"), lambda x: x.update(format="souple-release-signature/2")):
            broken = copy.deepcopy(sig)
            mutate(broken)
            self.assertInvalid("signature", broken)
        # A signature that does not match: the refusal is a diagnostic (E5006).
        sig["date"] = "2017-01-02"
        write(self.dir.name, "2017.1.json.sig", json.dumps(sig))
        r = run("release", "verify", self.release, "--trusted-key", self.pub, "--diagnostics-format", "json")
        self.assertEqual(r.returncode, 2, r.stderr.decode())
        doc = json.loads(r.stderr)
        self.assertValid("diagnostics", doc)
        self.assertEqual(doc[0]["code"], "E5006")


# --------------------------------------------------------------------------- souple schema, migrate

class ActivitySchema(SchemaCase):
    def test_the_printed_schema_is_a_schema_that_the_examples_satisfy(self):
        if yaml is None:
            self.skipTest("python3-yaml not installed")
        for args in ((), ("--release", os.path.join(RELEASES, "2026.2.json"))):
            with self.subTest(args):
                r = run("schema", *args)
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                schema = json.loads(r.stdout)
                Draft202012Validator.check_schema(schema)
        v = Draft202012Validator(json.loads(run("schema").stdout))
        with open(os.path.join(EXAMPLES, "newsletter.yaml"), encoding="utf-8") as f:
            example = json.loads(json.dumps(yaml.safe_load(f), default=str))
        self.assertEqual(list(v.iter_errors(example)), [])
        self.assertFalse(v.is_valid(dict(example, colour="red")))
        self.assertFalse(v.is_valid({k: x for k, x in example.items() if k != "activity"}))

    def test_a_migrated_json_description_satisfies_it(self):
        v = Draft202012Validator(json.loads(run("schema").stdout))
        with tempfile.TemporaryDirectory() as d:
            v1 = write(d, "v1.json", json.dumps({"activity": {"id": "A-1", "name": "T"}, "organisation": {"role": "controller"},
                                                 "security_measures": ["backup", "logging"]}))
            self.assertFalse(v.is_valid(dict(load(v1), colour="red")))
            r = run("migrate", v1, "--quiet")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        migrated = json.loads(r.stdout)
        self.assertEqual(list(v.iter_errors(migrated)), [])


# --------------------------------------------------------------------------- the decision log

class Server:
    """`souple serve` on a free loopback port, as in test_server.py."""

    def __init__(self, *args):
        self.dir = tempfile.TemporaryDirectory()
        port_file = os.path.join(self.dir.name, "port")
        env = dict(os.environ, SOUPLE_HOME=ROOT)
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", "--port-file", port_file, *args],
                                     stderr=subprocess.DEVNULL, env=env)
        deadline = time.time() + 30
        while not self._port(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        self.port = int(self._port(port_file))

    @staticmethod
    def _port(path):
        try:
            with open(path) as f:
                return f.read().strip()
        except FileNotFoundError:
            return ""

    def evaluate(self, body):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/v1/evaluate?as_of={AS_OF}", data=body.encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.dir.cleanup()
        return code


class DecisionLog(SchemaCase):
    def decisions(self, *args):
        if yaml is None:
            self.skipTest("python3-yaml not installed")
        with open(os.path.join(EXAMPLES, "newsletter.yaml"), encoding="utf-8") as f:
            body = json.dumps(yaml.safe_load(f), default=str)
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "decisions.jsonl")
            server = Server("--decision-log", log, *args)
            try:
                result = server.evaluate(body)
                server.evaluate("[" + body + "," + body + "]")
            finally:
                self.assertEqual(server.stop(), 0)
            with open(log, encoding="utf-8") as f:
                lines = [json.loads(line) for line in f]
        self.assertEqual(len(lines), 3)
        return lines, result

    def test_bundled_policies(self):
        lines, _ = self.decisions()
        v = validator("decision-log")
        for line in lines:
            self.assertValid("decision-log", line, v)
        self.assertIsNone(lines[0]["release_id"])
        for mutate in (lambda x: x["counts"].update(passed=1), lambda x: x["counts"].update(met=0),
                       lambda x: x.pop("input_sha256"), lambda x: x.update(decision_id="1"),
                       lambda x: x.update(activity="NL-1")):
            broken = copy.deepcopy(lines[0])
            mutate(broken)
            self.assertInvalid("decision-log", broken, v)

    def test_a_release_is_named_as_in_the_result(self):
        lines, result = self.decisions("--release", os.path.join(RELEASES, "2026.2.json"))
        self.assertEqual(lines[0]["release_id"], result["release"]["id"])
        self.assertEqual(lines[0]["release_hash"], result["release"]["hash"])
        self.assertValid("decision-log", lines[0])


if __name__ == "__main__":
    unittest.main()
