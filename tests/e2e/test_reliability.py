"""Hostile and malformed inputs (tests/reliability/repro/, see its README): each one gives a
result or a coded diagnostic, a documented exit code (never 4, never a signal), nothing on
stdout when it fails, within 2 s of CPU and 200 MB of memory.

Run by ctest ("reliability: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

BIN = os.path.abspath(os.environ.get("SOUPLE_BIN", "build/cli/souple"))
ROOT = os.path.abspath(os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd()))
REPRO = os.path.join(ROOT, "tests", "reliability", "repro")
BASE = os.path.join(REPRO, "base-activity.yaml")

# A sanitized build (scripts/test-sanitized.sh) is several times slower and larger: its
# ctest sets SOUPLE_BOUNDS_SCALE, which still catches a blow-up, not a constant factor.
SCALE = float(os.environ.get("SOUPLE_BOUNDS_SCALE", "1"))
CPU_SECONDS = 2.0 * SCALE
MAX_RSS_MB = 200 * SCALE
WALL_LIMIT = 20  # seconds before a run is killed as hung


def run_bounded(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, cwd=None):
    """Runs the binary; returns (exit code, stdout, stderr, cpu seconds, peak RSS in MB)."""
    env = dict(os.environ)
    env.pop("SOUPLE_HOME", None)
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([BIN, *args], stdin=stdin, stdout=stdout, stderr=err,
                                cwd=cwd or ROOT, env=env)
        killer = threading.Timer(WALL_LIMIT, proc.kill)  # a hang fails the test, not the suite
        killer.start()
        out = b""
        if stdout == subprocess.PIPE:
            out = proc.stdout.read()
            proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return proc.returncode, out, err.read(), cpu, usage.ru_maxrss / 1024


class Repro(unittest.TestCase):
    def check(self, args, codes, expect=None, **kw):
        """Runs args within the bounds; `expect` is a diagnostic code the run must report."""
        code, out, err, cpu, rss = run_bounded(args, **kw)
        what = " ".join(os.path.relpath(a, ROOT) if a.startswith("/") else a for a in args)
        self.assertGreaterEqual(code, 0, f"{what}: killed by signal {-code}\n{err[-2000:]!r}")
        self.assertIn(code, codes, f"{what}: exit {code}\n{err[-2000:]!r}")
        self.assertLess(cpu, CPU_SECONDS, f"{what}: {cpu:.2f} s of CPU")
        self.assertLess(rss, MAX_RSS_MB, f"{what}: {rss:.0f} MB")
        if code == 2:
            self.assertEqual(out, b"", f"{what}: output on stdout despite an error")
            self.assertRegex(err.decode("utf-8", "replace"), r"\[E\d{4}\]|\"code\"",
                             f"{what}: no diagnostic code")
        if expect is not None:
            self.assertIn(f"[{expect}]", err.decode("utf-8", "replace"), f"{what}: no {expect}")
        return code, out, err

    def repro(self, name):
        return os.path.join(REPRO, name)

    def test_every_reproducer_is_run(self):
        # A file added to the folder without a test would prove nothing: each one is named
        # in this file (a folder of fuzz cases is run whole).
        with open(__file__, encoding="utf-8") as f:
            source = f.read()
        for name in sorted(os.listdir(REPRO)):
            if name in ("README.md", "base-activity.yaml"):
                continue
            stem = name.split(".")[0]
            named = f'"{name}"' in source or f'"{stem}' in source
            self.assertTrue(named, f"{name} is not run by any test of test_reliability.py")

    # --- policies ------------------------------------------------------------------------
    def test_policy_nesting_bypass(self):
        for name in ("policy-nesting-bypass-segv.souple", "policy-nesting-bypass-hang-10KB.souple",
                     "policy-nesting-bypass-slow-3KB.souple"):
            with self.subTest(name):
                self.check(["check", self.repro(name)], {2})

    def test_policy_placeholder_deep_path(self):
        self.check(["check", self.repro("policy-placeholder-deep-path-segv.souple")], {2})

    def test_policy_definition_nesting(self):
        # 64 definitions of 120 `not`: 7,700 levels once inlined (a stack overflow under
        # ASan, found by fuzz_policy): refused at 1,024.
        path = self.repro("policy-def-nesting-8000deep-stack.souple")
        self.check(["check", path], {2}, expect="E1003")
        self.check(["eval", "--policies", path, BASE], {2}, expect="E1003")

    def test_policy_definition_expansion(self):
        for name in ("policy-def-expansion-200MB-1KB.souple", "policy-def-expansion-2GB-9KB.souple"):
            with self.subTest(name):
                self.check(["check", self.repro(name)], {2}, expect="E2023")

    def test_policy_quadratic_diagnostics(self):
        _, _, err = self.check(["check", self.repro("policy-quadratic-diagnostics-510KB.souple")], {2},
                               expect="E5005")
        self.assertIn(b"15900 more diagnostics not shown", err)

    def test_policy_many_placeholders(self):
        self.check(["check", self.repro("policy-placeholders-quadratic-200KB.souple")], {0, 2})

    def test_policy_mutual_supersedes(self):
        self.check(["check", self.repro("policy-mutual-supersedes-nothing-applies.souple")], {2})

    def test_new_version_non_ascii(self):
        for name in ("newversion-nonascii-comment-before-header.souple",
                     "newversion-nonascii-version-label.souple"):
            with self.subTest(name), tempfile.TemporaryDirectory() as d:
                path = shutil.copy(self.repro(name), d)
                self.check(["new-version", path, "--version", "2.0", "--effective", "2027-01-01"],
                           {0})

    def test_integer_overflow(self):
        for name in ("ubsan-date-from-civil-overflow.souple", "ubsan-duration-add-overflow.souple"):
            with self.subTest(name):
                self.check(["eval", "--policies", self.repro(name), BASE], {0, 1, 2})

    # --- activities ----------------------------------------------------------------------
    def test_activity_quadratic_facts(self):
        # 400 and 1,000 elements per list: refused at load (at most 100 per list).
        for name in ("activity-quadratic-facts-42KB.yaml", "activity-quadratic-facts-107KB-11GB.yaml"):
            with self.subTest(name):
                self.check(["eval", "--format", "json", self.repro(name)], {2}, expect="E4006")

    def test_activity_lists_at_the_limit(self):
        # The same activity cut to 100 purposes and 100 retention rows naming none: about
        # 4,600 findings, each listing at most 32 facts, within the bounds in both formats.
        with open(self.repro("activity-quadratic-facts-42KB.yaml"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        kept, counts = [], {"purposes": 0, "retention": 0}
        section = None
        for line in lines:
            if not line.startswith(" "):
                section = line.split(":")[0]
            elif section in counts:
                counts[section] += 1
                if counts[section] > 100:
                    continue
            kept.append(line)
        self.assertEqual(counts, {"purposes": 400, "retention": 400})
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "lists-100.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(kept) + "\n")
            for fmt in ("text", "json"):
                with self.subTest(fmt):
                    # The report is tens of megabytes: it goes to a file and is summarised by
                    # another process, so that this one stays small (a child's peak RSS counts
                    # its parent's size at fork time).
                    out_path = os.path.join(d, "out." + fmt)
                    with open(out_path, "wb") as out_file:
                        self.check(["eval", "--format", fmt, path], {1}, stdout=out_file)
                    if fmt == "json":
                        summary = subprocess.run(
                            [sys.executable, "-c",
                             "import json, sys; f = json.load(open(sys.argv[1]))['findings']; "
                             "print(len(f), max(len(x['facts']) for x in f), "
                             "sum(1 for x in f if x.get('facts_not_listed', 0) > 0))", out_path],
                            capture_output=True, check=True, timeout=120).stdout.split()
                        count, most_facts, truncated = (int(x) for x in summary)
                        self.assertGreater(count, 4000)
                        self.assertLessEqual(most_facts, 32)
                        self.assertGreater(truncated, 0)

    def test_activity_trailing_content_is_an_error(self):
        for name in ("activity-yaml-two-documents-second-ignored.yaml",
                     "activity-yaml-garbage-after-first-document-ignored.yaml",
                     "activity-json-two-values-second-ignored.json"):
            with self.subTest(name):
                self.check(["eval", self.repro(name)], {2})

    def test_activity_did_you_mean_on_huge_value(self):
        # 15 MiB: refused before parsing (an activity is at most 4 MiB).
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, self.repro("gen_activity_didyoumean.py")], cwd=d,
                           check=True, capture_output=True)
            out = [f for f in os.listdir(d) if f.endswith((".yaml", ".json"))]
            self.assertTrue(out)
            self.check(["eval", os.path.join(d, out[0])], {2}, expect="E5003")

    def test_activity_huge_value_at_the_limit(self):
        # Just under 4 MiB: parsed, the unknown value reported, quoted in 60 characters.
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "huge-value.yaml")
            head = ("activity: {id: A-1, name: Test}\norganisation: {role: controller}\n"
                    "purposes:\n  - {legal_basis: consent, category: ")
            size = (4 << 20) - len(head) - 2
            with open(path, "w", encoding="utf-8") as f:
                f.write(head + "x" * size + "}\n")
            self.assertEqual(os.path.getsize(path), 4 << 20)
            _, _, err = self.check(["eval", path], {2}, expect="E4004")
            self.assertIn("x" * 60 + f"…` ({size} bytes) is not a value of", err.decode())
            self.assertLess(len(err), 2000)

    def test_activity_fuzz_crashes(self):
        folder = self.repro("fuzz-load")
        for name in sorted(os.listdir(folder)):
            with self.subTest(name), tempfile.TemporaryDirectory() as d:
                for ext in (".yaml", ".json"):
                    path = shutil.copy(os.path.join(folder, name), os.path.join(d, "a" + ext))
                    self.check(["eval", path], {0, 1, 2})

    # --- diagnostics as JSON with invalid UTF-8 in the quoted text -------------------------
    def test_json_diagnostics_with_invalid_utf8(self):
        cases = [
            (["eval", "--diagnostics-format", "json", self.repro("diag-json-invalid-utf8-message.json")]),
            (["eval", "--diagnostics-format", "json",
              self.repro("diag-json-invalid-utf8-message-3bytes.json")]),
            (["eval", "--diagnostics-format", "json", self.repro("diag-json-invalid-utf8-message.yaml")]),
            (["release", "inspect", "--diagnostics-format", "json",
              self.repro("diag-json-invalid-utf8-message.release.json")]),
            (["test", "--diagnostics-format", "json", self.repro("diag-json-invalid-utf8-message.test.yaml")]),
        ]
        for args in cases:
            with self.subTest(args[-1]):
                _, _, err = self.check(args, {1, 2})
                json.loads(err.decode("utf-8"))  # well-formed JSON, valid UTF-8

    # --- releases ------------------------------------------------------------------------
    def test_release_number_overflow(self):
        for name in ("release-number-overflow-5bytes.json", "release-number-overflow-exit4.json"):
            with self.subTest(name):
                self.check(["release", "inspect", self.repro(name)], {2})

    def test_release_invalid_date(self):
        self.check(["diff", self.repro("release-invalid-date-diff-exit4.json"),
                    os.path.join(ROOT, "releases", "2025.2.json"), "--replay",
                    os.path.join(ROOT, "examples")], {2})

    def test_release_fuzz_crashes(self):
        folder = self.repro("fuzz-release")
        for name in sorted(os.listdir(folder)):
            with self.subTest(name):
                self.check(["release", "inspect", os.path.join(folder, name)], {0, 2})

    def test_release_with_nesting_bypass(self):
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, self.repro("gen_release_nesting_bypass.py"), ROOT],
                           cwd=d, check=True, capture_output=True)
            path = os.path.join(d, "release-nesting-bypass.json")
            self.check(["release", "inspect", path], {0, 2})
            self.check(["eval", "--release", path, BASE], {2})

    def test_release_with_deep_schema(self):
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, self.repro("gen_release_deep_schema.py"), ROOT, "50000"],
                           cwd=d, check=True, capture_output=True)
            out = [f for f in os.listdir(d) if f.endswith(".json")]
            self.assertTrue(out)
            self.check(["release", "inspect", os.path.join(d, out[0])], {2})

    # --- policy-test files ---------------------------------------------------------------
    def test_test_files_with_wrong_shapes(self):
        for name in ("test-expect-scalars-exit4.test.yaml", "test-set-as-list-exit4.test.yaml",
                     "test-set-below-scalar-exit4.test.yaml", "test-expect-scalar-silent-pass.test.yaml",
                     "test-unset-scalar-silent-pass.test.yaml"):
            with self.subTest(name):
                self.check(["test", self.repro(name)], {2})

    def test_test_file_activities_are_read_safely(self):
        # Activities named by a test file are read like any input: no device, no FIFO, no
        # second document, no stray comma that sends yaml-cpp's LoadAll into a loop.
        with tempfile.TemporaryDirectory() as d:
            fifo = os.path.join(d, "fifo.yaml")
            os.mkfifo(fifo)
            with open(os.path.join(d, "two.yaml"), "w", encoding="utf-8") as f:
                f.write("activity: {id: A-1, name: T}\n---\nactivity: {id: A-2, name: T}\n")
            with open(os.path.join(d, "comma.yaml"), "w", encoding="utf-8") as f:
                f.write(",contentspe \n")
            cases = {"/dev/zero": "E5001", fifo: "E5001", "two.yaml": "E4001", "comma.yaml": "E4001"}
            for target, code in cases.items():
                for key in ("base", "activity_file"):
                    with self.subTest(target=target, key=key):
                        test = os.path.join(d, "t.test.yaml")
                        with open(test, "w", encoding="utf-8") as f:
                            f.write("policy: cnil.retention.commercial\nas_of: 2026-01-15\n")
                            if key == "base":
                                f.write(f"base: {target}\ncases:\n  - name: c\n    expect: []\n")
                            else:
                                f.write(f"cases:\n  - name: c\n    activity_file: {target}\n"
                                        "    expect: []\n")
                        self.check(["test", test], {2}, expect=code)
            test = os.path.join(d, "two-docs.test.yaml")
            with open(test, "w", encoding="utf-8") as f:
                f.write("policy: cnil.retention.commercial\ncases: []\n---\ncases: []\n")
            self.check(["test", test], {2}, expect="E4001")

    # --- files that are not regular files, and outputs that cannot be written --------------
    def test_fifo_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            fifo = os.path.join(d, "fifo.yaml")
            os.mkfifo(fifo)
            self.check(["eval", fifo], {2})
            self.check(["eval", "--policies", fifo, BASE], {2})
            self.check(["diff", os.path.join(ROOT, "releases", "2024.2.json"),
                        os.path.join(ROOT, "releases", "2025.2.json"), "--replay", fifo], {2})

    def test_dev_zero_is_refused(self):
        self.check(["eval", "/dev/zero"], {2})
        self.check(["eval", "--policies", "/dev/zero", BASE], {2})

    def test_empty_policy_folder_is_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            self.check(["eval", "--policies", d, BASE], {2})

    def test_full_disk_is_an_error(self):
        with open("/dev/full", "wb") as full:
            code, _, err, _, _ = run_bounded(["eval", BASE], stdout=full)
        self.assertNotIn(code, (0, 1, 4), err)
        self.assertIn(b"E5001", err)

    def test_release_build_into_missing_folder(self):
        with tempfile.TemporaryDirectory() as d:
            self.check(["release", "build", "--id", "t", "--date", "2026-01-01", "-o",
                        os.path.join(d, "missing", "r.json")], {2})


if __name__ == "__main__":
    unittest.main()
