"""End-to-end tests through the real `souple` binary: exit codes, streams, bad input.

Run by ctest ("cli: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("SOUPLE_BIN", "build/cli/souple")
ROOT = os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd())
EXAMPLES = os.path.join(ROOT, "examples")

try:
    import jsonschema  # Debian: python3-jsonschema
except ImportError:  # pragma: no cover - installed by scripts/install-deps.sh
    jsonschema = None


def run(*args, cwd=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("SOUPLE_HOME", None)
    if env:
        full_env.update(env)
    return subprocess.run([BIN, *args], capture_output=True, cwd=cwd, env=full_env, timeout=120)


def write(directory, name, data):
    path = os.path.join(directory, name)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)
    return path


MINIMAL = "activity: {id: A-1, name: Test}\norganisation: {role: controller}\n"


class ExitCodes(unittest.TestCase):
    def test_findings_exit_1_on_example_with_unmet_obligations(self):
        r = run("eval", "--as-of", "2026-01-15", os.path.join(EXAMPLES, "retention-findings.yaml"))
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        self.assertIn(b"NON RESPECT", r.stdout)
        self.assertEqual(r.stderr, b"")

    def test_compliant_example_exits_0(self):
        r = run("eval", "--as-of", "2026-01-15", os.path.join(EXAMPLES, "retention-compliant.yaml"))
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())

    def test_fail_on_never_exits_0(self):
        r = run("eval", "--fail-on", "never", "--as-of", "2026-01-15",
                os.path.join(EXAMPLES, "retention-findings.yaml"))
        self.assertEqual(r.returncode, 0)

    def test_fail_on_recommendation_is_stricter(self):
        r = run("eval", "--fail-on", "recommendation", "--as-of", "2026-01-15",
                os.path.join(EXAMPLES, "retention-findings.yaml"))
        self.assertEqual(r.returncode, 1)

    def test_check_bundled_exits_0(self):
        r = run("check")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertIn(b"cnil.retention.commercial", r.stdout)

    def test_usage_errors_exit_3(self):
        self.assertEqual(run("eval").returncode, 3)
        self.assertEqual(run("frobnicate").returncode, 3)
        self.assertEqual(run("eval", "--format", "xml", "x.yaml").returncode, 3)
        r = run("eval", "--as-of", "2025-02-30", os.path.join(EXAMPLES, "retention-findings.yaml"))
        self.assertEqual(r.returncode, 3)
        self.assertEqual(r.stdout, b"")

    def test_misspelt_subcommand_or_option_gets_a_suggestion(self):
        for args, hint in ((("chek",), b"did you mean `check`?"),
                           (("eval", "--polices", "p", "x.yaml"), b"did you mean `--policies`?"),
                           (("diff", "--replya", "r", "a", "b"), b"did you mean `--replay`?")):
            r = run(*args)
            self.assertEqual(r.returncode, 3, args)
            self.assertEqual(r.stdout, b"")
            self.assertIn(hint, r.stderr, args)
        # Nothing close: no suggestion.
        r = run("frobnicate")
        self.assertEqual(r.returncode, 3)
        self.assertNotIn(b"did you mean", r.stderr)

    def test_internal_error_exits_4(self):
        r = run("check", env={"SOUPLE_FAULT_INJECTION": "internal-error"})
        self.assertEqual(r.returncode, 4)
        self.assertIn(b"internal error", r.stderr)
        self.assertEqual(r.stdout, b"")

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith(b"souple "))


class BadActivityInput(unittest.TestCase):
    """Every bad input: exit 2, a located diagnostic with a code on stderr, nothing on stdout."""

    def assertRejected(self, path, code, where=None):
        r = run("eval", "--as-of", "2026-01-15", path)
        self.assertEqual(r.returncode, 2, r.stdout.decode() + r.stderr.decode())
        self.assertEqual(r.stdout, b"", "no partial result on stdout")
        err = r.stderr.decode("utf-8", "replace")
        self.assertIn("[" + code + "]", err)
        if where:
            self.assertIn(where, err)
        return err

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def test_malformed_yaml_has_line(self):
        p = write(self.dir, "bad.yaml", MINIMAL + "purposes: [ {id: P1\n")
        self.assertRejected(p, "E4001", "bad.yaml:")

    def test_malformed_json_has_line_and_column(self):
        p = write(self.dir, "bad.json", '{\n  "activity": {"id": "A", "name": "n"},\n  "organisation": {"role": "controller"},,\n}\n')
        self.assertRejected(p, "E4001", "bad.json:3:")

    def test_unknown_field_suggests_the_right_one(self):
        p = write(self.dir, "a.yaml", MINIMAL + "retention:\n  - {data_category: D1, purpose: P1, active_durration: P3Y}\n")
        err = self.assertRejected(p, "E4002", "a.yaml:4:")
        self.assertIn("active_duration", err)

    def test_wrong_type(self):
        p = write(self.dir, "a.yaml", MINIMAL + "retention:\n  - {data_category: D1, purpose: P1, automated_purge: maybe}\n")
        self.assertRejected(p, "E4003", "a.yaml:4:")

    def test_unknown_enum_value(self):
        p = write(self.dir, "a.yaml", "activity: {id: A-1, name: Test}\norganisation: {role: controler}\n")
        err = self.assertRejected(p, "E4004", "a.yaml:2:")
        self.assertIn("controller", err)

    def test_invalid_duration(self):
        p = write(self.dir, "a.yaml", MINIMAL + "retention:\n  - {data_category: D1, purpose: P1, active_duration: 3 years}\n")
        self.assertRejected(p, "E4006")

    def test_invalid_utf8(self):
        p = write(self.dir, "a.yaml", MINIMAL.encode() + b"# caf\xe9\n")
        self.assertRejected(p, "E5002", "a.yaml:3:")

    def test_huge_file(self):
        p = write(self.dir, "big.yaml", MINIMAL + "# " + "x" * (17 * 1024 * 1024) + "\n")
        self.assertRejected(p, "E5003")

    def test_deep_nesting_yaml_and_json(self):
        p = write(self.dir, "deep.yaml", "activity: " + "[" * 100000 + "]" * 100000 + "\n")
        self.assertRejected(p, "E4001")
        p = write(self.dir, "deep.json", '{"activity": ' + "[" * 100000 + "]" * 100000 + "}")
        self.assertRejected(p, "E4001")

    def test_missing_file(self):
        self.assertRejected(os.path.join(self.dir, "nope.yaml"), "E5001")

    def test_one_bad_activity_among_good_ones_prints_nothing(self):
        bad = write(self.dir, "bad.yaml", "activity: [\n")
        r = run("eval", os.path.join(EXAMPLES, "retention-findings.yaml"), bad)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, b"")


class BadPolicies(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    POLICY = """policy t.p {
  title fr "T" en "T"
  version "1"
  status final
  effective 2020-01-01
  source S { publisher "CNIL" title "T" }
  rule r {
    kind recommendation
    confidence confirmed
    for e in retention
    met when e.active_durationn <= 3 years
    cite S "§ 1"
    fr "x"
    en "x"
  }
}
"""

    def test_misspelt_field_names_field_position_and_suggestion(self):
        p = write(self.dir, "p.souple", self.POLICY)
        r = run("check", p)
        self.assertEqual(r.returncode, 2)
        err = r.stderr.decode()
        self.assertIn("p.souple:11:16: error: unknown field `active_durationn`", err)
        self.assertIn("[E2005]", err)
        self.assertIn("did you mean `active_duration`?", err)
        self.assertIn("^", err)

    def test_json_diagnostics(self):
        p = write(self.dir, "p.souple", self.POLICY)
        r = run("check", "--diagnostics-format", "json", p)
        self.assertEqual(r.returncode, 2)
        diags = json.loads(r.stderr)
        self.assertEqual(diags[0]["code"], "E2005")
        self.assertEqual(diags[0]["location"]["line"], 11)

    def test_every_error_is_reported(self):
        text = self.POLICY.replace("kind recommendation", "kind recomendation").replace('cite S "§ 1"', 'cite T "§ 1"')
        p = write(self.dir, "p.souple", text)
        r = run("check", p)
        err = r.stderr.decode()
        for code in ("E2005", "E2009", "E2011"):
            self.assertIn(code, err)

    def test_eval_with_bad_policies_exits_2_and_prints_nothing(self):
        p = write(self.dir, "p.souple", "policy {")
        r = run("eval", "--policies", p, os.path.join(EXAMPLES, "retention-findings.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"[E1001]", r.stderr)

    def test_invalid_utf8_policy(self):
        p = write(self.dir, "p.souple", b"policy t.p {\n  title fr \"\xff\" en \"x\"\n}\n")
        r = run("check", p)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"p.souple:2:13: error: invalid UTF-8", r.stderr)


class Outputs(unittest.TestCase):
    def test_json_is_deterministic_and_valid(self):
        args = ("eval", "--format", "json", "--as-of", "2026-01-15",
                os.path.join(EXAMPLES, "retention-findings.yaml"))
        a, b = run(*args), run(*args)
        self.assertEqual(a.stdout, b.stdout)
        doc = json.loads(a.stdout)
        self.assertEqual(doc["format_version"], "1.0")
        self.assertEqual(doc["evaluation_date"], "2026-01-15")
        self.assertTrue(doc["policy_set_hash"].startswith("sha256:"))
        if jsonschema is not None:
            with open(os.path.join(ROOT, "schemas", "result.schema.json")) as f:
                jsonschema.validate(doc, json.load(f))

    def test_examples_validate_against_activity_schema(self):
        if jsonschema is None:
            self.skipTest("python3-jsonschema not installed")
        import yaml  # python3-yaml
        # The schema is split into section files; `souple schema` assembles it.
        r = run("schema")
        self.assertEqual(r.returncode, 0, r.stderr)
        schema = json.loads(r.stdout)
        self.assertIn("purposes", schema["properties"])
        self.assertNotIn("activity/", r.stdout.decode())  # every section file inlined
        for name in sorted(os.listdir(EXAMPLES)):
            if name.endswith((".yaml", ".json")):
                with open(os.path.join(EXAMPLES, name)) as f:
                    doc = yaml.safe_load(f) if name.endswith(".yaml") else json.load(f)
                # YAML dates load as datetime.date; the schema expects strings.
                jsonschema.validate(json.loads(json.dumps(doc, default=str)), schema)

    def test_bundled_policies_found_from_any_directory(self):
        r = run("check", cwd=tempfile.gettempdir())
        self.assertEqual(r.returncode, 0, r.stderr.decode())

    def test_english_report(self):
        r = run("eval", "--lang", "en", "--as-of", "2026-01-15",
                os.path.join(EXAMPLES, "retention-findings.yaml"))
        self.assertIn(b"NOT MET", r.stdout)
        self.assertIn(b"Summary:", r.stdout)

    def test_several_activities_in_json_give_an_array(self):
        r = run("eval", "--format", "json", "--fail-on", "never",
                os.path.join(EXAMPLES, "retention-findings.yaml"),
                os.path.join(EXAMPLES, "retention-compliant.yaml"))
        self.assertEqual(r.returncode, 0)
        self.assertEqual(len(json.loads(r.stdout)), 2)


if __name__ == "__main__":
    unittest.main()


class OutputFiles(unittest.TestCase):
    """-o FILE on every command that prints a document: written whole or not at all."""

    def test_every_document_command_writes_its_result_to_a_file(self):
        findings = os.path.join(EXAMPLES, "retention-findings.yaml")
        release = os.path.join(ROOT, "releases", "2017.1.json")
        commands = {
            "eval": (["eval", "--as-of", "2026-01-15", findings], 1),
            "eval-json": (["eval", "--as-of", "2026-01-15", "--format", "json", findings], 1),
            "check": (["check"], 0),
            "inspect": (["release", "inspect", release], 0),
            "diff": (["diff", release, os.path.join(ROOT, "releases", "2022.1.json")], 0),
        }
        for name, (args, code) in commands.items():
            with self.subTest(name), tempfile.TemporaryDirectory() as d:
                expected = run(*args)
                self.assertEqual(expected.returncode, code, expected.stderr.decode())
                out = os.path.join(d, "result.out")
                r = run(*args, "-o", out)
                self.assertEqual(r.returncode, code, r.stderr.decode())
                self.assertEqual(r.stdout, b"")
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), expected.stdout)
                self.assertEqual(os.listdir(d), ["result.out"])  # no temporary file left

    def test_an_existing_file_needs_force(self):
        with tempfile.TemporaryDirectory() as d:
            out = write(d, "report.txt", "previous\n")
            r = run("check", "-o", out)
            self.assertEqual(r.returncode, 2)
            self.assertIn(b"exists (--force to overwrite it) [E5001]", r.stderr)
            with open(out) as f:
                self.assertEqual(f.read(), "previous\n")
            r = run("check", "-o", out, "--force")
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            with open(out) as f:
                self.assertTrue(f.read().startswith("ok: "))

    def test_an_error_writes_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            bad = write(d, "bad.yaml", "activity: {id: A-1, name: Test}\nbogus: 1\n")
            out = os.path.join(d, "report.json")
            r = run("eval", bad, "--format", "json", "-o", out)
            self.assertEqual(r.returncode, 2)
            self.assertIn(b"[E4002]", r.stderr)
            self.assertFalse(os.path.exists(out))
            previous = write(d, "kept.json", "{}\n")
            r = run("eval", bad, "-o", previous, "--force")
            self.assertEqual(r.returncode, 2)
            with open(previous) as f:
                self.assertEqual(f.read(), "{}\n")

    def test_an_unwritable_folder_is_a_coded_error(self):
        r = run("check", "-o", "/nonexistent-folder/out.txt")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"[E5001]", r.stderr)
        self.assertEqual(r.stdout, b"")


def write_register(directory, name="register.jsonl", bad_line=None):
    """The bundled examples as a JSON Lines register (one per line, in file-name order)."""
    import yaml  # Debian: python3-yaml
    lines = []
    for f in sorted(os.listdir(EXAMPLES)):
        if f.endswith(".yaml"):
            with open(os.path.join(EXAMPLES, f), encoding="utf-8") as fh:
                lines.append(json.dumps(yaml.safe_load(fh), default=str))
    if bad_line is not None:
        lines[bad_line - 1] = lines[bad_line - 1].replace('"activity": {', '"activity": {"bogus": 1, ', 1)
    return write(directory, name, "\n".join(lines) + "\n"), len(lines)


class Registers(unittest.TestCase):
    """eval over registers: folders, JSON Lines, standard input; order, jobs, bad entries."""

    def test_jsonl_register_streams_one_result_per_line_in_input_order(self):
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d)
            one = run("eval", "--as-of", "2026-01-15", "--format", "jsonl", "-j", "1", register)
            self.assertIn(one.returncode, (0, 1), one.stderr.decode())
            self.assertEqual(one.stderr, b"")  # no progress line: stderr is not a terminal
            results = [json.loads(line) for line in one.stdout.decode().splitlines()]
            self.assertEqual(len(results), n)
            ids = []
            for f in sorted(os.listdir(EXAMPLES)):
                if f.endswith(".yaml"):
                    import yaml
                    with open(os.path.join(EXAMPLES, f), encoding="utf-8") as fh:
                        ids.append(yaml.safe_load(fh)["activity"]["id"])
            self.assertEqual([r["activity"]["id"] for r in results], ids)
            if jsonschema is not None:
                with open(os.path.join(ROOT, "schemas", "result.schema.json"), encoding="utf-8") as f:
                    schema = json.load(f)
                for r in results:
                    jsonschema.validate(r, schema)
            two = run("eval", "--as-of", "2026-01-15", "--format", "jsonl", "-j", "2", register)
            self.assertEqual(two.stdout, one.stdout)  # byte-identical whatever the job count
            for r in results:
                self.assertEqual(r["activity"]["file"], register)

    def test_stdin_is_a_register_or_one_activity(self):
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d)
            with open(register, "rb") as f:
                r = subprocess.run([BIN, "eval", "--as-of", "2026-01-15", "--format", "jsonl", "-"],
                                   stdin=f, capture_output=True, timeout=120)
            self.assertIn(r.returncode, (0, 1), r.stderr.decode())
            self.assertEqual(len(r.stdout.splitlines()), n)
            self.assertEqual(json.loads(r.stdout.splitlines()[0])["activity"]["file"], "<stdin>")
            with open(os.path.join(EXAMPLES, "retention-findings.yaml"), "rb") as f:
                r = subprocess.run([BIN, "eval", "--as-of", "2026-01-15", "--stdin-format", "yaml", "-"],
                                   stdin=f, capture_output=True, timeout=120)
            self.assertEqual(r.returncode, 1, r.stderr.decode())
            self.assertIn(b"NON RESPECT", r.stdout)

    def test_folder_register_is_a_json_array_in_path_order(self):
        r = run("eval", "--as-of", "2026-01-15", "--format", "json", EXAMPLES)
        self.assertIn(r.returncode, (0, 1), r.stderr.decode())
        files = [x["activity"]["file"] for x in json.loads(r.stdout)]
        expected = sorted(os.path.join(EXAMPLES, f) for f in os.listdir(EXAMPLES)
                          if f.endswith((".yaml", ".yml", ".json")))
        self.assertEqual(files, expected)

    def test_bad_entry_is_located_and_nothing_printed_without_keep_going(self):
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d, bad_line=3)
            for fmt in ("jsonl", "json", "text"):
                with self.subTest(fmt):
                    r = run("eval", "--as-of", "2026-01-15", "--format", fmt, register)
                    self.assertEqual(r.returncode, 2)
                    self.assertEqual(r.stdout, b"")
                    self.assertIn(f"{register}:3:".encode(), r.stderr)
                    self.assertIn(b"unknown field `bogus` in record `activity` [E4002]", r.stderr)

    def test_keep_going_evaluates_the_others_and_exits_2(self):
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d, bad_line=3)
            r = run("eval", "--as-of", "2026-01-15", "--format", "jsonl", "--keep-going", register)
            self.assertEqual(r.returncode, 2)
            lines = r.stdout.decode().splitlines()
            self.assertEqual(len(lines), n - 1)
            self.assertIn(f"{register}:3:".encode(), r.stderr)
            r = run("eval", "--as-of", "2026-01-15", "--format", "json", "--keep-going", register)
            self.assertEqual(len(json.loads(r.stdout)), n - 1)

    def test_progress_line_on_a_terminal_only(self):
        import pty
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d)
            master, slave = pty.openpty()
            r = subprocess.run([BIN, "eval", "--as-of", "2026-01-15", "--format", "jsonl", register],
                               stdout=subprocess.PIPE, stderr=slave, timeout=120)
            os.close(slave)
            err = os.read(master, 65536)
            os.close(master)
            self.assertIn(r.returncode, (0, 1))
            self.assertIn(f"souple: {n} activities".encode(), err)
            self.assertIn(b"100%", err)
            master, slave = pty.openpty()
            subprocess.run([BIN, "eval", "--quiet", "--as-of", "2026-01-15", "--format", "jsonl", register],
                           stdout=subprocess.PIPE, stderr=slave, timeout=120)
            os.close(slave)
            try:
                quiet = os.read(master, 65536)
            except OSError:  # EIO: the terminal was closed without a byte written
                quiet = b""
            os.close(master)
            self.assertEqual(quiet, b"")


class Relevance(unittest.TestCase):
    """Scopes (`applies to`): an activity is asked only what can matter for it."""

    def evaluate(self, name, *extra):
        r = run("eval", os.path.join(EXAMPLES, name), "--format", "json", "--as-of", "2026-12-01", *extra)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return json.loads(r.stdout)

    def test_newsletter_asks_nothing_about_unrelated_areas(self):
        # examples/README.md, "newsletter.yaml": a shop's e-mail newsletter, written by hand.
        doc = self.evaluate("newsletter.yaml")
        unrelated = ("cnil.ai.", "cnil.health.", "cnil.credit.", "cnil.retention.hr", "edpb.ai_models",
                     "edpb.automated_decisions", "cnil.workplace.", "cnil.minors.")
        for f in doc["findings"]:
            self.assertFalse(f["policy"]["id"].startswith(unrelated), f["id"])
        sections = {q["section"] for q in doc["questions"]}
        self.assertFalse(sections & {"ai", "health", "credit", "hr", "processor_duties", "automated_decision",
                                     "workplace_monitoring", "children"}, sections)
        # Whether a processor is used is one question, asked once per processor policy at
        # most, never one per contract clause.
        processor_findings = [f for f in doc["findings"] if f["policy"]["id"].startswith("cnil.processors.")]
        self.assertTrue(processor_findings)
        self.assertTrue(all(f["rule"].endswith(":scope") for f in processor_findings), processor_findings)
        questions = {q["field"]: q for q in doc["questions"]}
        self.assertIn("processors", questions)
        listed = {p["id"]: p for p in doc["policies"]}
        self.assertEqual(listed["cnil.processors.contract"]["reason_code"], "scope_unknown")
        # The texts of other fields are listed as not applicable, with their scope.
        for policy in ("cnil.health.entry", "cnil.credit.sector_law", "cnil.ai.security", "cnil.retention.hr",
                       "cnil.workplace.labour_code", "gdpr.children", "gdpr.transfers"):
            self.assertIn(listed[policy]["reason_code"], ("not_applicable", "scope_unknown"), policy)
        self.assertEqual(listed["cnil.workplace.labour_code"]["reason_code"], "not_applicable")
        self.assertEqual(listed["gdpr.children"]["reason_code"], "not_applicable")  # includes_minors: false

    def test_a_stated_fact_outside_the_scope_removes_the_policy(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(EXAMPLES, "newsletter.yaml")) as f:
                text = f.read()
            path = write(d, "nl.yaml", text + "processors: []\n")
            r = run("eval", path, "--format", "json", "--as-of", "2026-12-01")
            doc = json.loads(r.stdout)
            self.assertFalse([f for f in doc["findings"] if f["policy"]["id"].startswith("cnil.processors.")])
            listed = {p["id"]: p for p in doc["policies"]}
            self.assertEqual(listed["cnil.processors.contract"]["reason_code"], "not_applicable")
            self.assertFalse(listed["cnil.processors.contract"]["applied"])
            self.assertIn("processor", listed["cnil.processors.contract"]["scope"]["en"])
            text_report = run("eval", path, "--as-of", "2026-12-01").stdout.decode()
            self.assertIn("sans objet pour cette activité", text_report)


class DatedDoctrine(unittest.TestCase):
    """Each piece of doctrine applies from its own date (issue: dated doctrine, no gap in time)."""

    def evaluate(self, name, date):
        r = run("eval", os.path.join(EXAMPLES, name), "--format", "json", "--as-of", date)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return json.loads(r.stdout)

    def test_no_text_is_cited_before_it_exists(self):
        # The June 2024 draft scraping sheet, on 1 Sep 2024: the KASPR decision (5 Dec 2024)
        # and the 2025 texts did not exist yet.
        doc = self.evaluate("ai-scraping-2024-2025.yaml", "2024-09-01")
        dates = [c["date"] for f in doc["findings"] for c in f["citations"] if c["date"]]
        self.assertTrue(dates)
        self.assertLessEqual(max(dates), "2024-09-01")
        self.assertFalse([f for f in doc["findings"] if f["rule"].endswith("restricted_visibility_not_collected")])
        later = self.evaluate("ai-scraping-2024-2025.yaml", "2024-12-31")
        self.assertTrue([f for f in later["findings"] if f["rule"].endswith("restricted_visibility_not_collected")])

    def test_storage_limitation_applies_between_the_two_commercial_texts(self):
        # 18 Nov 2020: NS-048 has no legal value since 25 May 2018, the 2021 framework is not
        # in force before 10 Apr 2022; GDPR Art. 5(1)(e) applies all along. The oldest order
        # records (6 years) exceed the 5-year period the description itself sets.
        doc = self.evaluate("retention-findings.yaml", "2020-11-18")
        listed = {p["id"]: p["reason_code"] for p in doc["policies"]}
        self.assertEqual(listed["cnil.retention.commercial"], "not_yet_in_force")
        self.assertEqual(listed["cnil.retention.ns048"], "no_longer_in_force")
        breaches = [f for f in doc["findings"] if f["rule"] == "gdpr.principles.retention_period_applied"
                    and f["status"] == "not_met"]
        self.assertEqual([f["element"] for f in breaches], ["retention[0]"])
        self.assertIn("Art. 5(1)(e)", [c["section"] for c in breaches[0]["citations"]])


class Migrate(unittest.TestCase):
    """`souple migrate`: schema v1 -> v2 through the real binary."""

    V1 = MINIMAL + "# audited in 2026\nsecurity_measures:\n  - backup\n  - logging\npassword_policy: {min_length: 12, hashed: true}\n"

    def test_v1_to_v2_keeps_comments_lists_decisions_and_the_result_evaluates(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "a.yaml", self.V1)
            r = run("migrate", path)
            self.assertEqual(r.returncode, 0, r.stderr)
            out = r.stdout.decode()
            self.assertIn('schema_version: "2"', out)
            self.assertIn("# audited in 2026", out)
            self.assertIn("  measures:\n    backup: true\n    logging: true\n", out)
            self.assertNotIn("security_measures", out)
            self.assertIn("to state by hand: password_policy.hashed", r.stderr.decode())
            migrated = write(d, "b.yaml", out)
            self.assertIn(run("eval", migrated, "--format", "json").returncode, (0, 1))

    def test_in_place_and_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "a.yaml", self.V1)
            target = os.path.join(d, "v2.yaml")
            self.assertEqual(run("migrate", path, "-o", target, "--quiet").returncode, 0)
            self.assertEqual(run("migrate", path, "-o", target).returncode, 2)  # exists, no --force
            r = run("migrate", path, "--in-place", "--quiet")
            self.assertEqual((r.returncode, r.stdout, r.stderr), (0, b"", b""))
            with open(path) as f, open(target) as g:
                self.assertEqual(f.read(), g.read())

    def test_every_bundled_example_and_fixture_is_already_v2(self):
        # Issue 8: the bundled examples and the policy tests' fixtures are upgraded; migrate
        # refuses each one as already v2. (tests/golden/cases/**/register stay v1 on purpose:
        # they replay under releases whose schema is v1.)
        paths = [os.path.join(EXAMPLES, n) for n in sorted(os.listdir(EXAMPLES)) if n.endswith((".yaml", ".json"))]
        for top, _, names in os.walk(os.path.join(ROOT, "policies")):
            if os.path.basename(top) == "fixtures":
                paths += [os.path.join(top, n) for n in sorted(names) if n.endswith((".yaml", ".json"))]
        self.assertGreater(len(paths), 20)
        for path in paths:
            with self.subTest(path=os.path.relpath(path, ROOT)):
                r = run("migrate", path)
                self.assertEqual((r.returncode, r.stdout), (2, b""))
                self.assertIn(b"already declares schema_version 2", r.stderr)

    def test_a_v2_file_is_refused_with_nothing_on_stdout(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "a.yaml", "activity: {id: A-1, name: T, schema_version: \"2\"}\norganisation: {role: controller}\n")
            r = run("migrate", path)
            self.assertEqual((r.returncode, r.stdout), (2, b""))
            self.assertIn(b"already declares schema_version 2", r.stderr)
            bad = write(d, "b.yaml", "activity: {id: A-1, name: T, schema_version: \"2\"}\norganisation: {role: controller}\nsecurity_measures: [backup]\n")
            r = run("eval", bad)
            self.assertEqual((r.returncode, r.stdout), (2, b""))
            self.assertIn(b"[E4008]", r.stderr)


class ReplayAcrossSchemaVersions(unittest.TestCase):
    """2025.2 embeds schema v1, 2026.2 schema v2: a register written for v2 replays on both."""

    def test_replay_2025_2_to_2026_2(self):
        r = run("diff", os.path.join(ROOT, "releases", "2025.2.json"), os.path.join(ROOT, "releases", "2026.2.json"),
                "--replay", EXAMPLES, "--format", "json")
        self.assertIn(r.returncode, (0, 1), r.stderr.decode()[-2000:])
        doc = json.loads(r.stdout)
        examples = [n for n in os.listdir(EXAMPLES) if n.endswith((".yaml", ".json"))]
        self.assertEqual(doc["totals"]["activities"], len(examples))
        # The baseline layer appears in 2026.2 only: a v2 example gets its GDPR findings...
        broker = next(a for a in doc["activities"] if a["file"].endswith("data-broker-prospects.yaml"))
        appeared = {d["new"]["rule"] for d in broker["deltas"] if d["change"] == "appeared"}
        self.assertIn("gdpr.lawfulness.source_lawfulness_checked", appeared)
        # ... and its v2 facts (new enum values) were read as not stated on the old side.
        self.assertGreater(doc["totals"]["newly_not_met"], 0)

    def test_eval_under_an_older_release_reads_a_v2_description(self):
        # 2025.2 embeds schema v1; the example is v2. It is checked against the bundled schema,
        # then read under 2025.2's: its security.measures reach the v1 texts as the v1 list.
        example = os.path.join(EXAMPLES, "ai-scraping-2024-2025.yaml")
        r = run("eval", "--release", os.path.join(ROOT, "releases", "2025.2.json"), "--as-of", "2025-12-31",
                "--format", "json", example)
        self.assertIn(r.returncode, (0, 1), r.stderr.decode()[-2000:])
        self.assertIn(b"embeds another activity schema than the bundled one", r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["release"]["id"], "2025.2")
        reversal = next(f for f in doc["findings"] if f["id"] == "edpb.pseudonymisation.reversal_breach_and_rights")
        self.assertEqual(reversal["status"], "applies")
        self.assertEqual([x["path"] for x in reversal["facts"]], ["security_measures"])
        # Still strict: a field the bundled schema does not know is an error, nothing printed.
        with tempfile.TemporaryDirectory() as d:
            with open(example, encoding="utf-8") as f:
                bad = write(d, "bad.yaml", f.read() + "not_a_field: true\n")
            r = run("eval", "--release", os.path.join(ROOT, "releases", "2025.2.json"), bad)
        self.assertEqual((r.returncode, r.stdout), (2, b""))
        self.assertIn(b"[E4002]", r.stderr)

    def test_a_register_newer_than_both_releases_replays_and_stays_checked(self):
        # The register is written for the bundled schema: a field both releases predate is read
        # as not stated on each side, a field no schema knows is still an error (exit 2).
        with tempfile.TemporaryDirectory() as d:
            newer = ("activity: {id: R-1, name: T, schema_version: \"2\"}\norganisation: {role: controller}\n"
                     "trackers:\n  online_service: true\n  consent_interface: {consent_expressed_by: scrolling}\n")
            write(d, "a.yaml", newer)
            args = ("diff", os.path.join(ROOT, "releases", "2025.2.json"), os.path.join(ROOT, "releases", "2026.2.json"),
                    "--replay", d, "--format", "json")
            r = run(*args)
            self.assertIn(r.returncode, (0, 1), r.stderr.decode()[-2000:])
            self.assertEqual(json.loads(r.stdout)["totals"]["activities"], 1)
            # The old release's own warnings are counted in one line, not printed one by one.
            self.assertNotIn(b"[W2002]", r.stderr)
            self.assertIn(b"not repeated here (souple release inspect", r.stderr)
            write(d, "a.yaml", newer.replace("consent_interface", "consent_interfaces"))
            r = run(*args)
            self.assertEqual((r.returncode, r.stdout), (2, b""))
            self.assertIn(b"unknown field `consent_interfaces`", r.stderr)
            self.assertIn(b"[E4002]", r.stderr)


class SchemaV2Sections(unittest.TestCase):
    """Loader errors of every schema v2 section file (schemas/activity/*.json): a wrong enum
    value with its suggestion, a fact stated twice, a misspelt field with its suggestion, a v1
    field in a v2 description. The cases are derived from the assembled schema, so a new
    section is covered as soon as it exists."""

    V2_SECTIONS = ["data_sources", "accuracy", "children", "security", "breaches", "accountability",
                   "design", "record", "dpo", "workplace_monitoring"]

    @classmethod
    def setUpClass(cls):
        cls.schema = json.loads(run("schema").stdout)

    def resolve(self, node):
        while "$ref" in node:
            node = self.schema["$defs"][node["$ref"].split("/")[-1]]
        return node

    def first(self, node, want, path=()):
        """Path to the first property of the wanted shape below node (depth first)."""
        node = self.resolve(node)
        if node.get("type") == "array":
            found = self.first(node["items"], want, path + ("[]",))
            return found
        for name, prop in sorted(node.get("properties", {}).items()):
            prop = self.resolve(prop)
            if want == "enum" and "enum" in prop:
                return path + (name,), prop
            if want == "boolean" and prop.get("type") in ("boolean", ["boolean", "null"]):
                return path + (name,), prop
            if prop.get("type") in ("object", "array"):
                found = self.first(prop, want, path + (name,))
                if found:
                    return found
        return None

    @staticmethod
    def yaml_for(section, path, value):
        """`section:` then the path as nested block mappings (a list holds one element)."""
        lines, indent = [section + ":"], "  "
        for i, key in enumerate(path):
            if key == "[]":
                continue
            in_list = i > 0 and path[i - 1] == "[]"
            prefix = indent[:-2] + "- " if in_list else indent
            if i == len(path) - 1:
                lines.append(prefix + key + ": " + value)
            else:
                lines.append(prefix + key + ":")
            indent += "  "
        return "\n".join(lines) + "\n"

    def errors(self, text):
        with tempfile.TemporaryDirectory() as d:
            r = run("eval", write(d, "a.yaml", MINIMAL + text), "--diagnostics-format", "json")
            self.assertEqual((r.returncode, r.stdout), (2, b""), text)
            return json.loads(r.stderr)

    def test_every_v2_section_is_in_the_schema(self):
        for section in self.V2_SECTIONS:
            self.assertIn(section, self.schema["properties"])
            self.assertTrue(self.schema["properties"][section].get("description"), section)

    def test_wrong_enum_value_with_suggestion(self):
        for section in self.V2_SECTIONS:
            found = self.first(self.schema["properties"][section], "enum")
            if found is None:
                continue
            path, prop = found
            good = next(v for v in prop["enum"] if v and len(v) > 3)
            with self.subTest(section=section, field=".".join(path)):
                diags = self.errors(self.yaml_for(section, path, good[:-1]))
                self.assertEqual(diags[0]["code"], "E4004")
                self.assertIn(good, " ".join(diags[0]["help"]))

    def test_fact_stated_twice_and_misspelt_field(self):
        for section in self.V2_SECTIONS:
            found = self.first(self.schema["properties"][section], "boolean")
            self.assertIsNotNone(found, section)
            path, _ = found
            with self.subTest(section=section, field=".".join(path)):
                text = self.yaml_for(section, path, "true")
                last = text.rstrip("\n").split("\n")[-1]
                twice = text + " " * (len(last) - len(last.lstrip(" -"))) + last.lstrip(" -") + "\n"
                diags = self.errors(twice)
                self.assertEqual(diags[0]["code"], "E4007", twice)
                misspelt = self.yaml_for(section, path[:-1] + (path[-1] + "x",), "true")
                diags = self.errors(misspelt)
                self.assertEqual(diags[0]["code"], "E4002")
                self.assertIn(path[-1], " ".join(diags[0]["help"]))

    def test_v1_field_in_a_v2_description(self):
        v2 = MINIMAL.replace("name: Test}", "name: Test, schema_version: \"2\"}")
        with tempfile.TemporaryDirectory() as d:
            for field, replacement in (("security_measures: [backup]", "security.measures"),
                                       ("password_policy: {min_length: 12}", "security.passwords")):
                r = run("eval", write(d, "a.yaml", v2 + field + "\n"), "--diagnostics-format", "json")
                diag = json.loads(r.stderr)[0]
                self.assertEqual((r.returncode, diag["code"], diag["location"]["line"]), (2, "E4008", 3))
                self.assertIn(replacement, diag["message"])
                self.assertIn("souple migrate", " ".join(diag["help"]))


class Sarif(unittest.TestCase):
    """`eval --format sarif`: SARIF 2.1.0 for code-review and security dashboards."""

    def test_results_are_the_findings_that_ask_for_action_located_in_the_file(self):
        path = os.path.join(EXAMPLES, "retention-findings.yaml")
        r = run("eval", path, "--format", "sarif", "--as-of", "2026-01-15", "--lang", "en")
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["version"], "2.1.0")
        run_ = doc["runs"][0]
        self.assertEqual(run_["tool"]["driver"]["name"], "souple")
        rules = run_["tool"]["driver"]["rules"]
        js = json.loads(run("eval", path, "--format", "json", "--as-of", "2026-01-15").stdout)
        wanted = [f for f in js["findings"] if f["status"] in ("not_met", "unknown")]
        self.assertEqual(len(run_["results"]), len(wanted))
        levels = {"error", "warning", "note"}
        lines = len(open(path).read().splitlines())
        for res in run_["results"]:
            self.assertIn(res["level"], levels)
            self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
            self.assertTrue(res["message"]["text"])
            region = res["locations"][0]["physicalLocation"].get("region")
            if region:
                self.assertTrue(1 <= region["startLine"] <= lines)
        # An obligation not met is an error, located at the fact it rests on.
        not_met = next(f for f in wanted if f["status"] == "not_met" and f["kind"] == "obligation")
        res = next(x for x in run_["results"] if x["ruleId"] == not_met["rule"]
                   and x["properties"]["element"] == (not_met["element"] or ""))
        self.assertEqual(res["level"], "error")
        fact_lines = {int(f["location"].split(":")[-2]) for f in not_met["facts"] if f["location"]}
        self.assertIn(res["locations"][0]["physicalLocation"]["region"]["startLine"], fact_lines)
        self.assertTrue(all(rule["properties"]["citations"] for rule in rules if not rule["id"].endswith(":scope")))


class Selection(unittest.TestCase):
    """--policy globs, --area folders, and a folder given alone resolving the shared modules."""

    def evaluate(self, *args):
        r = run("eval", "--as-of", "2026-01-15", "--format", "json", *args)
        self.assertIn(r.returncode, (0, 1), r.stderr.decode())
        return json.loads(r.stdout)

    def test_policy_glob_applies_only_matching_policies(self):
        doc = self.evaluate("--policy", "cnil.retention.*", os.path.join(EXAMPLES, "retention-findings.yaml"))
        applied = {p["id"] for p in doc["policies"] if p["applied"]}
        self.assertTrue(applied)
        self.assertTrue(all(i.startswith("cnil.retention.") for i in applied), applied)
        self.assertTrue(all(f["policy"]["id"].startswith("cnil.retention.") for f in doc["findings"]))
        others = [p for p in doc["policies"] if p["reason_code"] == "not_selected"]
        self.assertTrue(others)
        self.assertTrue(all(not p["id"].startswith("cnil.retention.") for p in others))
        # Two patterns add up; an exact id is a pattern too.
        doc = self.evaluate("--policy", "cnil.retention.commercial", "--policy", "edpb.*",
                            os.path.join(EXAMPLES, "retention-findings.yaml"))
        applied = {p["id"] for p in doc["policies"] if p["applied"]}
        self.assertIn("cnil.retention.commercial", applied)
        self.assertTrue(all(i == "cnil.retention.commercial" or i.startswith("edpb.") for i in applied))

    def test_area_compiles_one_folder_with_the_modules_it_imports(self):
        doc = self.evaluate("--area", "cnil/ai", os.path.join(EXAMPLES, "ai-model-training.yaml"))
        ids = {p["id"] for p in doc["policies"]}
        self.assertTrue(ids)
        self.assertTrue(all(i.startswith("cnil.ai.") for i in ids), ids)
        r = run("eval", "--area", "cnil/nowhere", os.path.join(EXAMPLES, "ai-model-training.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"[E5001]", r.stderr)

    def test_a_folder_alone_resolves_bundled_imports(self):
        # policies/cnil/ai imports common.gdpr and cnil.ai.common: E2012 before.
        r = run("check", os.path.join(ROOT, "policies", "cnil", "ai"))
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertNotIn(b"E2012", r.stderr)
        with tempfile.TemporaryDirectory() as d:
            write(d, "p.souple", """policy t.local {
  title fr "T" en "T"
  version "1"
  status final
  effective 2020-01-01
  import common.nowhere
  source S { publisher "X" title "Y" }
}
""")
            r = run("check", d)
            self.assertEqual(r.returncode, 2)
            self.assertIn(b"unknown module `common.nowhere` [E2012]", r.stderr)


class Junit(unittest.TestCase):
    """`eval --format junit`: one test suite per activity, one test case per finding."""

    def test_failures_are_the_findings_not_met_and_skipped_those_that_cannot_be_told(self):
        import xml.etree.ElementTree as ET
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "register")
            os.mkdir(folder)
            for name in ("retention-findings.yaml", "newsletter.yaml"):
                shutil.copy(os.path.join(EXAMPLES, name), folder)
            hostile_example(folder)
            r = run("eval", folder, "--format", "junit", "--as-of", "2026-01-15", "--lang", "en", "--quiet")
            self.assertEqual(r.returncode, 1, r.stderr)
            root = ET.fromstring(r.stdout)  # well-formed, with the hostile name escaped
            js = json.loads(run("eval", folder, "--format", "json", "--as-of", "2026-01-15").stdout)
        self.assertEqual(root.tag, "testsuites")
        suites = root.findall("testsuite")
        self.assertEqual([s.get("name") for s in suites], [d["activity"]["id"] for d in js])
        total = {"tests": 0, "failures": 0, "skipped": 0}
        for suite, doc in zip(suites, js):
            cases = suite.findall("testcase")
            self.assertEqual([c.get("name") for c in cases], [f["id"] for f in doc["findings"]])
            for case, finding in zip(cases, doc["findings"]):
                self.assertEqual(case.get("classname"), finding["policy"]["id"])
                failure, skipped = case.find("failure"), case.find("skipped")
                self.assertEqual(failure is not None, finding["status"] == "not_met", finding["id"])
                self.assertEqual(skipped is not None, finding["status"] == "unknown", finding["id"])
                if failure is not None:
                    self.assertEqual(failure.get("type"), finding["kind"])
                    for citation in finding["citations"]:
                        self.assertIn(citation["title"], failure.text)
            counts = {"tests": len(cases), "failures": doc["summary"]["not_met"], "skipped": doc["summary"]["unknown"]}
            self.assertEqual({k: int(suite.get(k)) for k in counts}, counts)
            for k in total:
                total[k] += counts[k]
            props = {p.get("name"): p.get("value") for p in suite.find("properties")}
            self.assertEqual(props["evaluation_date"], "2026-01-15")
        self.assertEqual({k: int(root.get(k)) for k in total}, total)
        names = [p.get("value") for p in root.iter("property") if p.get("name") == "activity_name"]
        self.assertIn(HOSTILE, names)


HOSTILE = "Mesurio | Analytics <b>SAS</b><script>alert(1)</script>"


def hostile_example(directory):
    """saas-processor-chain.yaml with the activity and one processor named HOSTILE."""
    with open(os.path.join(EXAMPLES, "saas-processor-chain.yaml"), encoding="utf-8") as f:
        text = f.read()
    quoted = json.dumps(HOSTILE)
    text = text.replace("  name: Gestion des comptes clients et du support de la plateforme Agendo",
                        "  name: " + quoted, 1)
    text = text.replace("  - name: Mesurio\n", "  - name: " + quoted + "\n")
    return write(directory, "hostile.yaml", text)


class ReportFormats(unittest.TestCase):
    """eval --format html|markdown: one document for the DPO, for an activity or a register."""

    def test_html_of_one_activity_is_one_escaped_document_with_the_json_counts(self):
        with tempfile.TemporaryDirectory() as d:
            path = hostile_example(d)
            r = run("eval", "--format", "html", "--as-of", "2026-12-01", path)
            self.assertEqual(r.returncode, 1, r.stderr)  # unmet obligations, as for text
            html = r.stdout.decode()
            self.assertTrue(html.startswith("<!DOCTYPE html>\n<html lang=\"fr\">"))
            self.assertEqual(html.count("</html>"), 1)
            self.assertNotIn("<script", html)
            self.assertNotIn("<b>", html)
            self.assertIn("Revu par (DPO) :", html)
            doc = json.loads(run("eval", "--format", "json", "--as-of", "2026-12-01", path).stdout)
            for status, n in doc["summary"].items():
                self.assertIn(f'data-status="{status}">{n}<', html)
            self.assertLess(html.index('class="summary"'), html.index('class="text"'))
            en = run("eval", "--format", "html", "--lang", "en", "--as-of", "2026-12-01", path).stdout.decode()
            self.assertIn('<html lang="en">', en)
            self.assertIn("Reviewed by (DPO):", en)

    def test_markdown_counts_met_and_lists_them_with_show_met(self):
        path = os.path.join(EXAMPLES, "retention-compliant.yaml")
        r = run("eval", "--format", "markdown", "--as-of", "2026-12-01", path)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        md = r.stdout.decode()
        self.assertTrue(md.startswith('<a id="a1"></a>\n\n# Activité '))
        self.assertIn("## Synthèse", md)
        shown = run("eval", "--format", "markdown", "--show-met", "--as-of", "2026-12-01", path).stdout.decode()
        self.assertGreater(len(shown), len(md))
        html = run("eval", "--format", "html", "--as-of", "2026-12-01", path).stdout.decode()
        opened = run("eval", "--format", "html", "--show-met", "--as-of", "2026-12-01", path).stdout.decode()
        self.assertIn('<details class="met">', html)
        self.assertIn('<details class="met" open>', opened)

    def test_register_is_one_document_with_a_table_of_activities(self):
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d)
            for fmt, link in (("html", 'href="#a{}"'), ("markdown", "](#a{})")):
                with self.subTest(fmt):
                    r = run("eval", "--format", fmt, "--as-of", "2026-12-01", register)
                    self.assertIn(r.returncode, (0, 1), r.stderr)
                    out = r.stdout.decode()
                    for i in range(1, n + 1):
                        self.assertIn(link.format(i), out)
                    if fmt == "html":
                        self.assertEqual(out.count("<!DOCTYPE html>"), 1)
                        self.assertEqual(out.count('<article class="activity">'), n)
                        self.assertLess(out.index('class="activities"'), out.index('class="summary"'))
            two = run("eval", "--format", "html", "--as-of", "2026-12-01",
                      os.path.join(EXAMPLES, "retention-findings.yaml"),
                      os.path.join(EXAMPLES, "retention-compliant.yaml")).stdout.decode()
            self.assertEqual(two.count('<article class="activity">'), 2)

    def test_bad_entry_prints_nothing_and_keep_going_reports_the_others(self):
        with tempfile.TemporaryDirectory() as d:
            register, n = write_register(d, bad_line=3)
            for fmt in ("html", "markdown"):
                with self.subTest(fmt):
                    r = run("eval", "--as-of", "2026-12-01", "--format", fmt, register)
                    self.assertEqual(r.returncode, 2)
                    self.assertEqual(r.stdout, b"")
                    self.assertIn(f"{register}:3:".encode(), r.stderr)
            r = run("eval", "--as-of", "2026-12-01", "--format", "html", "--keep-going", register)
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout.decode().count('<article class="activity">'), n - 1)

    def test_fail_on_never_exits_0_and_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "report.html")
            r = run("eval", "--format", "html", "--fail-on", "never", "--as-of", "2026-12-01",
                    "-o", out, os.path.join(EXAMPLES, "retention-findings.yaml"))
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as f:
                self.assertIn("</html>", f.read())


LINTED = """policy t.lint {
  title fr "Titre" en "Title"
  version "1"
  status final
  effective 2020-01-01
  source S { publisher "CNIL" title "Texte" }
  def spare = activity.name == "x"
  rule r {
    kind obligation
    confidence confirmed
    met when organisation.role == "controller"
    cite S "art. 1"
    fr "m"
    en "m"
  }
}
"""


class RegisterReport(unittest.TestCase):
    """`souple report`: the DPO's report of a register, with its activities × areas table."""

    @staticmethod
    def area(policy_id):
        parts = policy_id.split(".")
        return ".".join(parts[:2]) if parts[0] == "cnil" else parts[0]

    def test_the_areas_table_counts_what_the_json_result_counts(self):
        names = ("retention-findings.yaml", "data-broker-prospects.yaml", "newsletter.yaml")
        with tempfile.TemporaryDirectory() as d:
            folder = os.path.join(d, "register")
            os.mkdir(folder)
            for name in names:
                shutil.copy(os.path.join(EXAMPLES, name), folder)
            out = os.path.join(d, "report.md")
            r = run("report", folder, "--format", "markdown", "--as-of", "2026-01-15", "-o", out, "--quiet")
            self.assertIn(r.returncode, (0, 1), r.stderr)
            with open(out, encoding="utf-8") as f:
                md = f.read()
            html = run("report", folder, "--as-of", "2026-01-15", "--quiet")
            js = json.loads(run("eval", folder, "--format", "json", "--as-of", "2026-01-15").stdout)
        self.assertIn(b"<table class=\"areas\">", html.stdout)
        section = md.split("## Activités par domaine", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| ")]
        header = [c.strip().replace("\\", "") for c in rows[0].strip("|").split("|")]
        self.assertEqual(header[0], "Activité")
        expected_areas = sorted({self.area(f["policy"]["id"]) for doc in js for f in doc["findings"]})
        self.assertEqual(header[1:], expected_areas)
        for line, doc in zip(rows[1:], js):
            cells = [c.strip() for c in line.strip("|").split("|")]
            self.assertIn(doc["activity"]["id"], cells[0])
            for area, cell in zip(header[1:], cells[1:]):
                found = [f for f in doc["findings"] if self.area(f["policy"]["id"]) == area]
                if not found:
                    self.assertEqual(cell, "—", (doc["activity"]["id"], area))
                    continue
                not_met = sum(f["status"] == "not_met" for f in found)
                unknown = sum(f["status"] == "unknown" for f in found)
                shown = f"**{not_met}**" if not_met else "0"
                self.assertEqual(cell, f"{shown} · {unknown}", (doc["activity"]["id"], area))
        self.assertEqual(len(rows) - 1, len(names))


class Lint(unittest.TestCase):
    def test_lints_go_to_stdout_and_the_count_to_stderr(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "p.souple", LINTED)
            r = run("lint", path)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertIn(b"p.souple:7:7: warning: definition `spare` is never used [L001]", r.stdout)
            self.assertIn(b"souple lint: 1 lint(s), 0 allowed by comment, in 1 file(s)", r.stderr)

    def test_strict_exits_1_on_a_lint_and_json_lists_it(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "p.souple", LINTED)
            r = run("lint", "--strict", "--format", "json", path)
            self.assertEqual(r.returncode, 1, r.stderr.decode())
            items = json.loads(r.stdout)
            self.assertEqual([(i["code"], i["location"]["line"], i["severity"]) for i in items],
                             [("L001", 7, "warning")])

    def test_an_allow_comment_with_a_reason_silences_the_lint(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "p.souple", LINTED.replace(
                "  def spare", "  // lint: allow L001 kept for the draft's next version\n  def spare"))
            r = run("lint", "--strict", path)
            self.assertEqual(r.returncode, 0, r.stdout.decode())
            self.assertEqual(r.stdout, b"")
            self.assertIn(b"1 allowed by comment", r.stderr)

    def test_a_policy_that_does_not_compile_exits_2_with_nothing_on_stdout(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "p.souple", LINTED.replace("organisation.role", "organisation.rol"))
            r = run("lint", path)
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout, b"")
            self.assertIn(b"p.souple:11:", r.stderr)


class Explain(unittest.TestCase):
    """`souple explain`: exit codes, stdout discipline, the same answer by --rule and --finding."""
    ACTIVITY = os.path.join(EXAMPLES, "retention-findings.yaml")
    FINDING = "cnil.retention.commercial.observed_ages_within_policy@retention[0]"

    def explain(self, *args):
        return run("explain", self.ACTIVITY, "--as-of", "2026-01-15", *args)

    def test_a_finding_explained_in_text_and_json(self):
        r = self.explain("--rule", self.FINDING, "--lang", "en")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        text = r.stdout.decode()
        self.assertIn("status: not_met (its `met when` is false)", text)
        # examples/README.md: the observed age (6 years) exceeds the 5 years declared.
        self.assertIn("retention[0].observed_max_age: P6Y → P5Y   ⇒ would give met", text)
        self.assertIn("examples/retention-findings.yaml:213:23", text)
        doc = json.loads(self.explain("--finding", self.FINDING, "--format", "json").stdout)
        [x] = doc["explanations"]
        self.assertEqual((x["finding"], x["status"]), (self.FINDING, "not_met"))
        self.assertEqual(x["why_not"]["flips"][0]["facts"],
                         [{"path": "retention[0].observed_max_age", "from": "P6Y", "to": "P5Y"}])
        # The report says the same of that finding.
        report = json.loads(run("eval", self.ACTIVITY, "--as-of", "2026-01-15", "--format", "json").stdout)
        [finding] = [f for f in report["findings"] if f["id"] == self.FINDING]
        self.assertEqual(finding["status"], x["status"])
        self.assertEqual([f["path"] for f in finding["facts"]], [f["path"] for f in x["facts"]])

    def test_french_by_default(self):
        r = self.explain("--rule", self.FINDING)
        self.assertIn("statut : not_met (sa condition `met when` est fausse)", r.stdout.decode())

    def test_an_unknown_rule_or_element_exits_2_with_nothing_on_stdout(self):
        for rule, code, hint in (("cnil.retention.commercial.observed_age_within_policy", "E3001",
                                  "did you mean `cnil.retention.commercial.observed_ages_within_policy`?"),
                                 ("cnil.retention.commercial.observed_ages_within_policy@retention[99]", "E3002",
                                  "did you mean `retention[9]`?")):
            with self.subTest(code):
                r = self.explain("--rule", rule)
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stdout, b"")
                self.assertIn(f"[{code}]".encode(), r.stderr)
                self.assertIn(hint.encode(), r.stderr)

    def test_usage_errors_exit_3(self):
        for args in ((), ("--rule", "a.b", "--finding", "a.b"), ("--rule", "a.b", "--as-of", "2026-13-01")):
            with self.subTest(args=args):
                r = self.explain(*args)
                self.assertEqual(r.returncode, 3, r.stderr.decode())
                self.assertEqual(r.stdout, b"")

    def test_a_bad_activity_or_a_register_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            bad = write(d, "bad.yaml", "activity: {id: A-1}\norganisation: {role: boss}\n")
            r = run("explain", bad, "--rule", "gdpr.dpo.designation")
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout, b"")
            self.assertIn(b"bad.yaml:2:", r.stderr)
            register = write(d, "r.jsonl", '{"activity": {"id": "A"}}\n{"activity": {"id": "B"}}\n')
            r = run("explain", register, "--rule", "gdpr.dpo.designation")
            self.assertEqual(r.returncode, 3)
            self.assertIn(b"explain takes one", r.stderr)

    def test_standard_input_and_output_file(self):
        with open(self.ACTIVITY, "rb") as f:
            text = f.read()
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "x.json")
            r = subprocess.run([BIN, "explain", "-", "--as-of", "2026-01-15", "--rule", self.FINDING,
                                "--format", "json", "-o", out], input=text, capture_output=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertEqual(r.stdout, b"")
            with open(out, encoding="utf-8") as f:
                self.assertEqual(json.load(f)["explanations"][0]["status"], "not_met")


UNFORMATTED = ("policy p {\r\n\ttitle fr \"T\"\r\n en \"T\"\r\n  rule r {  // why\r\n"
               "      when a   and\r\n b\r\n fr \"x\"\r\n  }\r\n}")
FORMATTED = ("policy p {\n  title fr \"T\"\n        en \"T\"\n  rule r {  // why\n"
             "    when a and\n      b\n    fr \"x\"\n  }\n}\n")


class Fmt(unittest.TestCase):
    def test_one_file_is_printed_formatted_and_left_as_it_is(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "p.souple", UNFORMATTED)
            r = run("fmt", path)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertEqual(r.stdout.decode(), FORMATTED)
            with open(path, newline="") as f:
                self.assertEqual(f.read(), UNFORMATTED)

    def test_standard_input(self):
        r = subprocess.run([BIN, "fmt", "-"], input=UNFORMATTED.encode(), capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(r.stdout.decode(), FORMATTED)

    def test_check_lists_the_files_not_formatted_and_exits_1(self):
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "sub"))
            bad = write(d, "sub/a.souple", UNFORMATTED)
            write(d, "b.souple", FORMATTED)
            r = run("fmt", "--check", d)
            self.assertEqual(r.returncode, 1, r.stderr.decode())
            self.assertEqual(r.stdout.decode(), bad + "\n")
            self.assertIn(b"souple fmt: 1 of 2 file(s) not formatted", r.stderr)
            os.remove(bad)
            self.assertEqual(run("fmt", "--check", d).returncode, 0)

    def test_write_rewrites_in_place_only_what_changes(self):
        with tempfile.TemporaryDirectory() as d:
            bad = write(d, "a.souple", UNFORMATTED)
            good = write(d, "b.souple", FORMATTED)
            os.chmod(bad, 0o600)
            before = os.stat(good).st_mtime_ns
            r = run("fmt", "--write", d)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertEqual(r.stdout, b"")
            with open(bad, newline="") as f:
                self.assertEqual(f.read(), FORMATTED)
            self.assertEqual(os.stat(bad).st_mode & 0o777, 0o600)
            self.assertEqual(os.stat(good).st_mtime_ns, before)
            self.assertEqual(sorted(os.listdir(d)), ["a.souple", "b.souple"])

    def test_diff_prints_a_unified_diff_and_exits_1(self):
        with tempfile.TemporaryDirectory() as d:
            path = write(d, "p.souple", UNFORMATTED)
            r = run("fmt", "--diff", path)
            self.assertEqual(r.returncode, 1, r.stderr.decode())
            out = r.stdout.decode()
            self.assertTrue(out.startswith(f"--- {path}\n+++ {path}\n@@ -1,9 +1,9 @@\n"), out)
            self.assertIn("+        en \"T\"\n", out)
            if shutil.which("patch"):
                subprocess.run(["patch", "-s", path], input=r.stdout, check=True, timeout=60)
                with open(path, newline="") as f:
                    self.assertEqual(f.read(), FORMATTED)

    def test_a_file_that_does_not_parse_is_refused_and_nothing_is_written(self):
        with tempfile.TemporaryDirectory() as d:
            bad = write(d, "a.souple", "policy p {\n  rule r {\n    when\n  }\n}\n")
            other = write(d, "b.souple", UNFORMATTED)
            for args in (["--write", d], ["--check", d], [bad]):
                r = run("fmt", *args)
                self.assertEqual(r.returncode, 2, args)
                self.assertEqual(r.stdout, b"")
                self.assertIn(f"{bad}:4:3: error:".encode(), r.stderr)
                self.assertIn(b"[E1001]", r.stderr)
            with open(other, newline="") as f:
                self.assertEqual(f.read(), UNFORMATTED)

    def test_a_file_that_is_not_a_policy_file_is_refused(self):
        r = run("fmt", "--check", os.path.join(ROOT, "policies", "cnil", "ai", "scope.test.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"not a policy file: souple fmt formats *.souple files only [E5001]", r.stderr)

    def test_usage_errors_exit_3(self):
        with tempfile.TemporaryDirectory() as d:
            a = write(d, "a.souple", FORMATTED)
            b = write(d, "b.souple", FORMATTED)
            for args in ([a, b], ["--check", "--write", a], ["--write", "-"], []):
                r = run("fmt", *args)
                self.assertEqual(r.returncode, 3, args)
                self.assertEqual(r.stdout, b"")
