"""The code blocks of the documentation, checked through the real `souple` binary.

Run by ctest ("doc blocks: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set. Reads
docs/*.md, README.md and */README.md. Every fenced block must name its language (```text
for output and listings), so that no Souple block goes unchecked for want of a label.
What is checked, by info string:

* ```souple — a **whole file** when its first word after comments is `policy` or
  `module`: written to a .souple file, it must pass `souple check FILE` (imports of the
  bundled modules resolve; nothing else of the bundled set is read). Any other block is a
  **fragment**, a sequence of policy items (`source`, `def`, `table`, `rule`, `applies
  to`, ...): the fragments of one Markdown file are pasted, in order, into one template
  policy (TEMPLATE below: title, version, status, `effective 2022-04-10`, `import
  common.gdpr`) that must pass `souple check`. A fragment may therefore use what the other
  fragments of its page declare, as the reference's rule uses its source, def and table.
  An expression is shown inside a `def`. Warnings fail a block too, except W2001 (a `see`
  naming a bundled rule, absent when the block is checked on its own).
* ```souple error=CODE — an example of what the checker rejects: checked on its own
  (wrapped in the template when it is a fragment), `souple check` must exit 2 and report
  CODE.
* ```yaml whose first line is `# PATH.test.yaml` and which has a top-level `cases:` — a
  policy-test file: written at PATH in a temporary tree whose other top-level entries link
  to the repository's (so `base:` and `activity_file:` resolve), every case must pass
  (`souple test --policies policies/ FILE`, exit 0).
* ```yaml with a top-level `activity:` — an activity description: `souple eval` must give a
  result (exit 0 or 1), not a load error.
* Other blocks (sh, json, coverage-table excerpts in yaml, ...) are not run.

A failure names the block as doc-file:line (the line of its opening fence), and the
checker's output with the temporary file's lines translated to the Markdown file's.
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("SOUPLE_BIN", "build/cli/souple")
BIN = os.path.abspath(BIN) if os.sep in BIN else BIN  # policy tests run in a temporary tree
ROOT = os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd())

TEMPLATE = """policy doc.fragments {
  title fr "Fragments de la documentation" en "Documentation fragments"
  version "1"
  status final
  effective 2022-04-10
  import common.gdpr
"""
ALLOWED_WARNINGS = {"W2001"}
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
DIAGNOSTIC = re.compile(r": (error|warning): .*\[([A-Z]\d{4})\]$", re.M)


class Block:
    def __init__(self, doc, line, info, lines):
        self.doc = doc  # relative to ROOT
        self.line = line  # 1-based line of the opening fence
        words = info.split()
        self.lang = words[0] if words else ""
        self.attrs = dict(w.split("=", 1) if "=" in w else (w, "") for w in words[1:])
        self.lines = lines
        self.text = "".join(lines)

    @property
    def where(self):
        return "%s:%d" % (self.doc, self.line)

    def first_word(self):
        """The first word of the Souple text after comments and blank lines."""
        text = re.sub(r"/\*.*?\*/", " ", self.text, flags=re.S)
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("//"):
                return line.split()[0].split("{")[0]
        return ""

    def is_whole_file(self):
        return self.first_word() in ("policy", "module")


def doc_files():
    files = sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    files.append(os.path.join(ROOT, "README.md"))
    files += sorted(glob.glob(os.path.join(ROOT, "*", "README.md")))
    return [f for f in files if os.path.isfile(f)]


def extract(path):
    """The fenced blocks of a Markdown file (CommonMark fences, possibly indented)."""
    blocks = []
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i].rstrip("\n"))
        if not m or (m.group(2)[0] == "`" and "`" in m.group(3)):
            i += 1
            continue
        indent, fence, info = len(m.group(1)), m.group(2), m.group(3).strip()
        body = []
        j = i + 1
        while j < len(lines):
            c = FENCE.match(lines[j].rstrip("\n"))
            if c and c.group(2)[0] == fence[0] and len(c.group(2)) >= len(fence) and not c.group(3).strip():
                break
            line = lines[j]
            strip = len(line) - len(line.lstrip(" "))
            body.append(line[min(indent, strip):])
            j += 1
        blocks.append(Block(rel, i + 1, info, body))
        i = j + 1
    return blocks


def all_blocks():
    return [b for f in doc_files() for b in extract(f)]


def run(*args, cwd=None):
    env = dict(os.environ)
    env["SOUPLE_HOME"] = ROOT  # the tree's schemas and bundled modules
    r = subprocess.run([BIN, *args], capture_output=True, cwd=cwd, env=env, timeout=120)
    return r.returncode, (r.stdout + r.stderr).decode("utf-8", "replace")


class Source:
    """A generated file and where each of its lines comes from in the documentation."""

    def __init__(self, directory, name):
        self.path = os.path.join(directory, name)
        self.parts = []  # (first generated line, block)
        self.text = ""

    def add(self, text, block=None):
        if block is not None:
            self.parts.append((self.text.count("\n") + 1, block))
        self.text += text if text.endswith("\n") or not text else text + "\n"

    def write(self):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.text)
        return self.path

    def doc_line(self, n):
        for first, block in reversed(self.parts):
            if first <= n < first + len(block.lines):
                return block.doc, block.line + 1 + n - first
        return os.path.basename(self.path) + "(generated)", n

    def translate(self, output):
        return translate(output, self.path, self.doc_line)


def translate(output, path, doc_line):
    """Rewrites PATH:LINE of a generated file as doc:line, and the line number of the source
    excerpt under it (` 12 | ...`, then `    | ^~~`)."""
    out, number = [], None
    location = re.compile(re.escape(path) + r":(\d+)")
    for line in output.splitlines():
        m = location.search(line)
        g = re.match(r"^ *(\d*) \|", line)
        if m:
            doc, number = doc_line(int(m.group(1)))
            line = line[:m.start()] + "%s:%d" % (doc, number) + line[m.end():]
        elif g and number is not None:
            gutter = str(number) if g.group(1) else " " * len(str(number))
            line = " " + gutter + line[g.end() - 2:]
        else:
            number = None
        out.append(line)
    return "\n".join(out) + ("\n" if output.endswith("\n") else "")


def wrap(directory, name, blocks):
    src = Source(directory, name)
    if len(blocks) == 1 and blocks[0].is_whole_file():
        src.add(blocks[0].text, blocks[0])
        return src
    src.add(TEMPLATE)
    for b in blocks:
        src.add("// %s\n" % b.where)
        src.add(b.text, b)
    src.add("}\n")
    return src


def codes(output):
    return [(m.group(1), m.group(2)) for m in DIAGNOSTIC.finditer(output)]


def top_level_keys(text):
    return set(re.findall(r"^([A-Za-z_]\w*):", text, re.M))


class DocBlocks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.blocks = all_blocks()
        cls.souple = [b for b in cls.blocks if b.lang == "souple"]

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="souple-doc-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def check_passes(self, src, what):
        rc, out = run("check", src.write())
        out = src.translate(out)
        bad = [c for sev, c in codes(out) if sev == "error" or c not in ALLOWED_WARNINGS]
        self.assertTrue(rc == 0 and not bad,
                        "%s: `souple check` fails (exit %d):\n%s" % (what, rc, out))

    def test_blocks_are_found(self):
        """The extraction itself: the language reference has its examples."""
        docs = {b.doc for b in self.souple}
        self.assertIn(os.path.join("docs", "language.md"), docs)
        self.assertIn(os.path.join("docs", "lint.md"), docs)
        self.assertGreaterEqual(len([b for b in self.souple if b.doc.endswith("language.md")]), 6)

    def test_every_block_names_its_language(self):
        for b in self.blocks:
            with self.subTest(block=b.where):
                self.assertNotEqual(b.lang, "", "%s: a code block without a language (```souple, "
                                    "```text, ```sh, ...)" % b.where)

    def test_souple_info_strings_are_known(self):
        for b in self.souple:
            with self.subTest(block=b.where):
                unknown = set(b.attrs) - {"error"}
                self.assertFalse(unknown, "%s: unknown info string word(s) %s (known: error=CODE)"
                                 % (b.where, sorted(unknown)))
                if "error" in b.attrs:
                    self.assertRegex(b.attrs["error"], r"^[EW]\d{4}$", b.where)

    def test_whole_files_check(self):
        for n, b in enumerate(x for x in self.souple if "error" not in x.attrs and x.is_whole_file()):
            with self.subTest(block=b.where):
                self.check_passes(wrap(self.dir, "file%d.souple" % n, [b]), b.where)

    def test_fragments_check(self):
        by_doc = {}
        for b in self.souple:
            if "error" not in b.attrs and not b.is_whole_file():
                by_doc.setdefault(b.doc, []).append(b)
        for n, (doc, blocks) in enumerate(sorted(by_doc.items())):
            with self.subTest(doc=doc):
                what = "%s: its fragments (%s) in the template policy" % (
                    doc, ", ".join(b.where for b in blocks))
                self.check_passes(wrap(self.dir, "fragments%d.souple" % n, blocks), what)

    def test_errors_are_reported(self):
        for n, b in enumerate(x for x in self.souple if "error" in x.attrs):
            with self.subTest(block=b.where):
                src = wrap(self.dir, "error%d.souple" % n, [b])
                rc, out = run("check", src.write())
                out = src.translate(out)
                self.assertEqual(rc, 2, "%s: expected `souple check` to reject it with %s (exit %d):\n%s"
                                 % (b.where, b.attrs["error"], rc, out))
                self.assertIn(b.attrs["error"], [c for _, c in codes(out)],
                              "%s: expected %s, got:\n%s" % (b.where, b.attrs["error"], out))

    def test_policy_test_files_pass(self):
        for b in self.blocks:
            if b.lang != "yaml" or "cases" not in top_level_keys(b.text):
                continue
            with self.subTest(block=b.where):
                m = re.match(r"#\s*(\S+\.test\.yaml)\s*$", b.lines[0] if b.lines else "")
                self.assertTrue(m, "%s: a policy-test block starts with `# PATH.test.yaml`" % b.where)
                rel = m.group(1)
                tree = tempfile.mkdtemp(dir=self.dir)
                top = rel.split("/")[0]
                for entry in os.listdir(ROOT):
                    if entry != top and not entry.startswith("."):
                        os.symlink(os.path.join(ROOT, entry), os.path.join(tree, entry))
                path = os.path.join(tree, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(b.text)
                rc, out = run("test", "--policies", os.path.join(ROOT, "policies"), path, cwd=tree)
                out = translate(out, path, lambda n, b=b: (b.doc, b.line + n))
                self.assertEqual(rc, 0, "%s: `souple test` on the block (exit %d):\n%s" % (b.where, rc, out))

    def test_activities_evaluate(self):
        for n, b in enumerate(x for x in self.blocks if x.lang == "yaml"):
            if "activity" not in top_level_keys(b.text) or "cases" in top_level_keys(b.text):
                continue
            with self.subTest(block=b.where):
                path = os.path.join(self.dir, "activity%d.yaml" % n)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(b.text)
                rc, out = run("eval", "--as-of", "2026-01-15", path)
                out = translate(out, path, lambda n, b=b: (b.doc, b.line + n))
                self.assertIn(rc, (0, 1), "%s: `souple eval` gave no result (exit %d):\n%s"
                              % (b.where, rc, out[-4000:]))


if __name__ == "__main__":
    unittest.main()
