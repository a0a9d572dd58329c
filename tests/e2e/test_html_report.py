"""The HTML reports in a real browser: headless Chromium (Debian package `chromium`, installed
by scripts/install-deps.sh) renders each bundled example's report to a PNG screenshot and to
PDF; the DOM is checked against the JSON result of the same evaluation.

Every example in French, three in English, and the processor-chain example with a hostile
activity name. Artefacts are kept in SOUPLE_ARTEFACTS (ctest: build/test-artefacts/html).
Run by ctest ("html report: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set. Skipped,
with a message, when chromium is not installed.
"""
import concurrent.futures
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest

BIN = os.environ.get("SOUPLE_BIN", "build/cli/souple")
ROOT = os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd())
EXAMPLES = os.path.join(ROOT, "examples")
ARTEFACTS = os.environ.get("SOUPLE_ARTEFACTS", os.path.join(ROOT, "build", "test-artefacts", "html"))
AS_OF = "2026-12-01"
ENGLISH = ("saas-processor-chain", "retention-findings", "hospital-breach")
HOSTILE = "Mesurio | Analytics <b>SAS</b><script>alert(1)</script>"
CHROMIUM = shutil.which("chromium")
# Each text section starts a new printed page; no report of a bundled example needs more.
MAX_PAGES = 400


def souple(*args):
    r = subprocess.run([BIN, *args], capture_output=True, timeout=120)
    if r.returncode not in (0, 1):
        raise AssertionError(f"souple {' '.join(args)} exited {r.returncode}: {r.stderr.decode()}")
    return r.stdout


def chromium(*args, profile):
    # A profile per call: calls run in parallel.
    cmd = [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
           "--disable-extensions", "--user-data-dir=" + profile, *args]
    return subprocess.run(cmd, capture_output=True, timeout=120)


class Dom(html.parser.HTMLParser):
    """What the checks need from a report: elements in document order with their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict)
        self.headings = []  # levels, in order
        self.status_cells = {}  # data-status -> text
        self._cell = None
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "html":
            self.html_lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "td" and "data-status" in a:
            self._cell = a["data-status"]
            self.status_cells[self._cell] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self.status_cells[self._cell] += data

    def index(self, tag, cls):
        for i, (t, a) in enumerate(self.elements):
            if t == tag and cls in (a.get("class") or "").split():
                return i
        return -1

    def count(self, tag, cls=None):
        return sum(1 for t, a in self.elements
                   if t == tag and (cls is None or cls in (a.get("class") or "").split()))


def parse(text):
    dom = Dom()
    dom.feed(text)
    dom.close()
    return dom


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def pdf_pages(path):
    with open(path, "rb") as f:
        data = f.read()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@unittest.skipIf(CHROMIUM is None, "chromium is not installed (scripts/install-deps.sh installs it): "
                                   "the HTML reports are not rendered in a browser")
class HtmlReportInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTEFACTS, exist_ok=True)
        cls.tmp = tempfile.TemporaryDirectory()
        # (name, lang, activity path)
        cls.cases = []
        for f in sorted(os.listdir(EXAMPLES)):
            if f.endswith(".yaml"):
                name = f[:-5]
                cls.cases.append((name, "fr", os.path.join(EXAMPLES, f)))
                if name in ENGLISH:
                    cls.cases.append((name, "en", os.path.join(EXAMPLES, f)))
        with open(os.path.join(EXAMPLES, "saas-processor-chain.yaml"), encoding="utf-8") as f:
            text = f.read()
        quoted = json.dumps(HOSTILE)
        text = text.replace("  name: Gestion des comptes clients et du support de la plateforme Agendo",
                            "  name: " + quoted, 1)
        text = text.replace("  - name: Mesurio\n", "  - name: " + quoted + "\n")
        hostile = os.path.join(cls.tmp.name, "hostile.yaml")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(text)
        cls.cases.append(("hostile", "fr", hostile))

        # The JSON results of every activity from one run (JSON Lines, in argument order).
        paths = sorted({path for _, _, path in cls.cases})
        lines = souple("eval", "--format", "jsonl", "--as-of", AS_OF, *paths).decode().splitlines()
        by_path = dict(zip(paths, map(json.loads, lines)))
        cls.results = {}
        jobs = []
        for name, lang, path in cls.cases:
            key = f"{name}.{lang}"
            page = os.path.join(ARTEFACTS, key + ".html")
            with open(page, "wb") as f:
                f.write(souple("eval", "--format", "html", "--lang", lang, "--as-of", AS_OF, path))
            doc = by_path[path]
            assert doc["activity"]["file"] == path, (doc["activity"]["file"], path)
            cls.results[key] = {"html": page, "json": doc,
                                "png": os.path.join(ARTEFACTS, key + ".png"),
                                "pdf": os.path.join(ARTEFACTS, key + ".pdf")}
            for path_ in (cls.results[key]["png"], cls.results[key]["pdf"]):
                if os.path.exists(path_):
                    os.remove(path_)
            url = "file://" + page
            # One browser start gives both (a start costs more than the two renderings).
            jobs.append(("--screenshot=" + cls.results[key]["png"], "--window-size=1280,2000",
                         "--no-pdf-header-footer", "--print-to-pdf=" + cls.results[key]["pdf"], url))
        jobs.append(("--dump-dom", "file://" + cls.results["hostile.fr"]["html"]))
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            runs = list(pool.map(lambda ij: chromium(*ij[1], profile=os.path.join(cls.tmp.name, f"p{ij[0]}")),
                                 enumerate(jobs)))
        cls.hostile_dom = runs[-1].stdout.decode("utf-8", "replace")
        cls.failures = [(j, r.returncode, r.stderr.decode("utf-8", "replace")[-400:])
                        for j, r in zip(jobs, runs) if r.returncode != 0]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_chromium_ran(self):
        self.assertEqual(self.failures, [])

    def test_screenshots_and_pdfs_exist_and_are_not_trivial(self):
        for key, r in self.results.items():
            with self.subTest(key):
                self.assertEqual(png_size(r["png"]), (1280, 2000))
                self.assertGreater(os.path.getsize(r["png"]), 20_000)
                with open(r["pdf"], "rb") as f:
                    self.assertEqual(f.read(5), b"%PDF-")
                self.assertGreater(os.path.getsize(r["pdf"]), 10_000)

    def test_dom_summary_first_counts_equal_json_one_section_per_applied_text(self):
        for key, r in self.results.items():
            with self.subTest(key):
                with open(r["html"], encoding="utf-8") as f:
                    dom = parse(f.read())
                doc = r["json"]
                self.assertEqual(dom.html_lang, key.rsplit(".", 1)[1])
                summary, first_text = dom.index("section", "summary"), dom.index("section", "text")
                self.assertGreaterEqual(summary, 0)
                applied = [p for p in doc["policies"] if p["applied"] or p["reason_code"] == "scope_unknown"]
                self.assertEqual(dom.count("section", "text"), len(applied))
                if applied:
                    self.assertLess(summary, first_text)
                self.assertEqual({k: int(v) for k, v in dom.status_cells.items()}, doc["summary"])
                self.assertEqual(dom.count("script"), 0)
                self.assertEqual(dom.count("link"), 0)
                self.assertEqual(dom.count("img"), 0)
                # Headings in order: one h1, and never a level skipped on the way down.
                self.assertEqual(dom.headings.count(1), 1)
                self.assertEqual(dom.headings[0], 1)
                for a, b in zip(dom.headings, dom.headings[1:]):
                    self.assertLessEqual(b, a + 1)
                # Header cells say what they head.
                for tag, attrs in dom.elements:
                    if tag == "th":
                        self.assertIn(attrs.get("scope"), ("col", "row"))

    def test_pdf_page_count_within_bounds(self):
        for key, r in self.results.items():
            with self.subTest(key):
                sections = sum(1 for p in r["json"]["policies"]
                               if p["applied"] or p["reason_code"] == "scope_unknown")
                pages = pdf_pages(r["pdf"])
                # Summary, then a new page per text section.
                self.assertGreaterEqual(pages, sections + 1)
                self.assertLessEqual(pages, MAX_PAGES)

    def test_hostile_name_injects_nothing(self):
        self.assertIn("<html", self.hostile_dom)
        dom = parse(self.hostile_dom)
        self.assertEqual(dom.count("script"), 0)
        self.assertEqual(dom.count("b"), 0)
        self.assertIn(HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), self.hostile_dom)
        # The hostile name did not add a table cell: the counts table keeps its shape.
        self.assertEqual(len(dom.status_cells), 5)


if __name__ == "__main__":
    unittest.main()
