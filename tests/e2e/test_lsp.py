"""`souple lsp` spoken to by a test client: the real binary on pipes, LSP 3.17 framing
(Content-Length), JSON-RPC. Checks initialize, diagnostics (codes, ranges in UTF-16),
hover, completion, go to definition, document symbols, shutdown/exit and bad input.

Expected values are read from the policy texts below, the bundled activity schema
(schemas/activity/organisation.json, purposes.json) and policies/common/gdpr.souple.
Run by ctest ("lsp: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import glob
import json
import os
import queue
import re
import subprocess
import tempfile
import threading
import unittest
import urllib.parse

BIN = os.path.abspath(os.environ.get("SOUPLE_BIN", "build/cli/souple"))
ROOT = os.path.abspath(os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd()))
COMMON_GDPR = os.path.join(ROOT, "policies", "common", "gdpr.souple")
TIMEOUT = 30

POLICY = """\
/// Test policy of the language server.
policy acme.test {
  title fr "Essai — données" en "Test"
  version "1"
  status draft
  effective 2024-01-01
  import common.gdpr

  /// The internal guide of Acme.
  source guide {
    publisher "Acme"
    title "Acme privacy guide"
    url "https://example.org/guide"
  }

  /// True when the organisation acts as a processor.
  def is_processor = organisation.role == "processor"

  /// Retention periods by category.
  table periods (key id: text, period: duration) { "invoices", 10 years; }

  /// The processor designates a DPO.
  rule first {
    kind obligation
    confidence confirmed
    when is_processor
    met when organisation.dpo_designated
    cite gdpr "Art. 28"
    fr "Désigner un DPO." en "Designate a DPO."
  }

  rule second {
    kind recommendation
    confidence secondary
    for p in purposes
    when p.legal_basis == "consent" and periods["invoices"].period > 1 year
    met when organisation.dpo_designated
    cite guide "§1"
    see acme.test.first
    fr "Vérifier « {p.id} »." en "Check {p.id}."
  }
}
"""

# The same with two errors: a misspelt field after a comment holding a character outside
# the Basic Multilingual Plane (two UTF-16 code units, one Souple column), and a bad kind.
BROKEN = POLICY.replace("met when organisation.dpo_designated\n    cite gdpr",
                        "met when /* \U0001F600 */ organisation.dpo_designatd\n    cite gdpr") \
               .replace("kind recommendation", "kind recomendation")


def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def position(text, needle, offset=0, occurrence=0):
    """LSP position (UTF-16) of the `occurrence`-th `needle` in `text`, plus `offset` characters."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    index = start + offset
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16_len(text[line_start:index])}


def path_of(uri):
    return urllib.parse.unquote(uri[len("file://"):])


def line_of(path, needle):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if needle in line:
                return i
    raise AssertionError(f"{needle!r} not in {path}")


class Client:
    """A language client: requests and notifications out, messages in (read by a thread)."""

    def __init__(self, cwd):
        env = dict(os.environ, SOUPLE_HOME=ROOT)
        self.proc = subprocess.Popen([BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.messages = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.rstrip(b"\r\n")
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def write(self, raw):
        self.proc.stdin.write(raw)
        self.proc.stdin.flush()

    def send(self, message):
        self.write(frame(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")))

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait_for(self, accept):
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if message is None:
                raise AssertionError("the server closed its output")
            if accept(message):
                return message

    def request(self, method, params=None):
        self.next_id += 1
        request_id = self.next_id
        message = {"id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)

    def initialize(self, capabilities=None):
        reply = self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                            "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return reply

    def open(self, path, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": "file://" + path, "languageId": "souple", "version": version, "text": text}})
        return self.diagnostics(path)

    def change(self, path, text, version):
        self.notify("textDocument/didChange", {"textDocument": {"uri": "file://" + path, "version": version},
                                               "contentChanges": [{"text": text}]})
        return self.diagnostics(path)

    def diagnostics(self, path):
        m = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == "file://" + path)
        return m["params"]["diagnostics"]

    def at(self, method, path, pos):
        return self.request(method, {"textDocument": {"uri": "file://" + path}, "position": pos})

    def stop(self):
        """shutdown then exit; returns the exit code."""
        self.request("shutdown")
        self.notify("exit", None)
        return self.proc.wait(timeout=TIMEOUT)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()


class LanguageServer(unittest.TestCase):
    """One server for the feature checks, on a policy file in a folder of its own."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.dir.name, "acme.souple")
        with open(cls.path, "w", encoding="utf-8") as f:
            f.write(POLICY)
        cls.client = Client(cls.dir.name)
        cls.init = cls.client.initialize()
        cls.opened = cls.client.open(cls.path, POLICY)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.dir.cleanup()

    def hover(self, needle, offset=0, occurrence=0):
        reply = self.client.at("textDocument/hover", self.path, position(POLICY, needle, offset, occurrence))
        self.assertIn("result", reply, reply)
        self.assertIsNotNone(reply["result"], needle)
        self.assertEqual(reply["result"]["contents"]["kind"], "markdown")
        return reply["result"]["contents"]["value"]

    def complete(self, text, needle, offset):
        """Completion labels with `text` as the document, at `needle` + `offset`."""
        self.client.change(self.path, text, version=100)
        try:
            reply = self.client.at("textDocument/completion", self.path, position(text, needle, offset))
        finally:
            self.client.change(self.path, POLICY, version=101)
        self.assertIn("result", reply, reply)
        return reply["result"]["items"]

    def definition(self, needle, offset=0, occurrence=0):
        reply = self.client.at("textDocument/definition", self.path, position(POLICY, needle, offset, occurrence))
        self.assertIn("result", reply, reply)
        return reply["result"]

    # ---- initialize

    def test_initialize_capabilities(self):
        result = self.init["result"]
        caps = result["capabilities"]
        self.assertEqual(caps["positionEncoding"], "utf-16")  # the client stated none
        self.assertEqual(caps["textDocumentSync"]["change"], 1)
        self.assertTrue(caps["textDocumentSync"]["openClose"])
        for provider in ("hoverProvider", "definitionProvider", "documentSymbolProvider", "documentFormattingProvider"):
            self.assertTrue(caps[provider], provider)
        self.assertIn(".", caps["completionProvider"]["triggerCharacters"])
        self.assertEqual(result["serverInfo"]["name"], "souple")

    # ---- diagnostics

    def test_diagnostics_of_a_valid_then_broken_then_fixed_document(self):
        self.assertEqual(self.opened, [])
        broken = self.client.change(self.path, BROKEN, version=2)
        try:
            # The codes of `souple check`: unknown field, invalid clause value.
            self.assertEqual(sorted(d["code"] for d in broken), ["E2005", "E2009"], broken)
            by_code = {d["code"]: d for d in broken}
            field = by_code["E2005"]
            self.assertEqual(field["source"], "souple")
            self.assertEqual(field["severity"], 1)
            self.assertIn("dpo_designatd", field["message"])
            self.assertIn("dpo_designated", field["message"])  # the did-you-mean help
            start = position(BROKEN, "dpo_designatd")
            self.assertEqual(field["range"]["start"], start)
            self.assertEqual(field["range"]["end"],
                             {"line": start["line"], "character": start["character"] + len("dpo_designatd")})
            self.assertIn("recomendation", by_code["E2009"]["message"])
            self.assertEqual(by_code["E2009"]["range"]["start"], position(BROKEN, "recomendation"))
        finally:
            fixed = self.client.change(self.path, POLICY, version=3)
        self.assertEqual(fixed, [])

    def test_syntax_error_while_typing(self):
        typing = POLICY.replace("when is_processor", "when (is_processor")
        diags = self.client.change(self.path, typing, version=4)
        self.client.change(self.path, POLICY, version=5)
        self.assertTrue(diags, "an unclosed parenthesis is a syntax error")
        self.assertTrue(all(d["code"] == "E1001" for d in diags), diags)

    def test_diagnostics_match_souple_check(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "acme.souple")
            with open(path, "w", encoding="utf-8") as f:
                f.write(BROKEN)
            check = subprocess.run([BIN, "check", "--diagnostics-format", "json", path], capture_output=True,
                                   text=True, env=dict(os.environ, SOUPLE_HOME=ROOT), timeout=TIMEOUT)
        self.assertEqual(check.returncode, 2)
        expected = sorted(x["code"] for x in json.loads(check.stderr))
        got = sorted(x["code"] for x in self.client.change(self.path, BROKEN, version=6))
        self.client.change(self.path, POLICY, version=7)
        self.assertEqual(got, expected)

    # ---- hover

    def test_hover_on_a_schema_field(self):
        text = self.hover("organisation.role", offset=len("organisation."))
        self.assertIn("organisation.role", text)
        self.assertIn("Role of the organisation for this activity.", text)  # organisation.json
        self.assertIn("enum", text)
        self.assertIn("sub_processor", text)
        root = self.hover("organisation.dpo_designated", offset=2)
        self.assertIn("The organisation describing the activity and its role.", root)
        self.assertIn("record", root)
        flag = self.hover("dpo_designated")
        self.assertIn("bool", flag)
        self.assertIn("A data protection officer is designated.", flag)

    def test_hover_through_a_rule_variable(self):
        text = self.hover("legal_basis")
        self.assertIn("p.legal_basis", text)
        self.assertIn("enum", text)
        self.assertIn("legitimate_interest", text)  # purposes.json
        self.assertIn("list of record", self.hover("purposes"))
        # The variable, where it is used and where it is bound: one purpose.
        for where in (self.hover("p.legal_basis"), self.hover("for p in", len("for "))):
            self.assertIn("**`p`**: record", where)

    def test_hover_on_a_definition(self):
        text = self.hover("when is_processor", offset=len("when "))
        self.assertIn("True when the organisation acts as a processor.", text)
        self.assertIn('def is_processor = organisation.role == "processor"', text)

    def test_hover_on_a_table(self):
        text = self.hover('periods["invoices"]')
        self.assertIn("Retention periods by category.", text)
        self.assertIn("key id: text, period: duration", text)

    def test_hover_on_a_source_gives_its_citation(self):
        text = self.hover('cite gdpr', offset=len("cite "))
        self.assertIn("Regulation (EU) 2016/679 (General Data Protection Regulation, GDPR)", text)  # title
        self.assertIn("European Parliament and Council", text)  # publisher
        self.assertIn("https://eur-lex.europa.eu/eli/reg/2016/679/oj", text)  # url
        self.assertIn("Regulation (EU) 2016/679, OJ L 119, 4.5.2016", text)  # reference
        own = self.hover('cite guide', offset=len("cite "))
        self.assertIn("Acme privacy guide", own)
        self.assertIn("The internal guide of Acme.", own)

    def test_no_hover_on_punctuation_or_in_a_string(self):
        reply = self.client.at("textDocument/hover", self.path, position(POLICY, "Designate a DPO", 3))
        self.assertIsNone(reply["result"])

    # ---- completion

    def test_completion_of_fields_after_a_dot(self):
        text = POLICY.replace("met when organisation.dpo_designated\n    cite gdpr",
                              "met when organisation.\n    cite gdpr")
        items = self.complete(text, "met when organisation.", len("met when organisation."))
        labels = {i["label"] for i in items}
        for field in ("name", "role", "established_in_eu", "dpo_designated", "employee_count"):
            self.assertIn(field, labels)
        self.assertNotIn("purposes", labels)  # a root field, not one of organisation's
        role = next(i for i in items if i["label"] == "role")
        self.assertEqual(role["kind"], 5)  # Field
        self.assertIn("enum", role["detail"])

    def test_completion_of_a_table_rows_columns(self):
        text = POLICY.replace('periods["invoices"].period > 1 year', 'periods["invoices"].')
        items = self.complete(text, 'periods["invoices"].', len('periods["invoices"].'))
        self.assertEqual({i["label"]: i["detail"] for i in items}, {"id": "text", "period": "duration"})

    def test_completion_of_a_partial_field_through_a_variable(self):
        text = POLICY.replace('when p.legal_basis == "consent" and', "when p.legal_b")
        items = self.complete(text, "when p.legal_b", len("when p.legal_b"))
        labels = [i["label"] for i in items]
        self.assertIn("legal_basis", labels)
        self.assertIn("legal_basis_reference", labels)
        self.assertNotIn("category", labels)  # filtered by what is typed
        edit = items[0]["textEdit"]["range"]
        start = position(text, "legal_b")
        self.assertEqual(edit["start"], start)

    def test_completion_of_enum_values(self):
        text = POLICY.replace('organisation.role == "processor"', 'organisation.role == "')
        items = self.complete(text, 'organisation.role == "', len('organisation.role == "'))
        labels = {i["label"] for i in items}
        self.assertEqual(labels, {"controller", "joint_controller", "processor", "sub_processor"})
        self.assertTrue(all(i["kind"] == 20 for i in items))
        bare = POLICY.replace('p.legal_basis == "consent"', "p.legal_basis == ")
        items = self.complete(bare, "p.legal_basis == ", len("p.legal_basis == "))
        consent = next(i for i in items if i["label"] == "consent")
        self.assertEqual(consent["textEdit"]["newText"], '"consent"')  # quoted when no quote is open
        listed = POLICY.replace('p.legal_basis == "consent"', 'p.legal_basis in ["consent", "')
        labels = {i["label"] for i in self.complete(listed, 'in ["consent", "', len('in ["consent", "'))}
        self.assertIn("legitimate_interest", labels)

    def test_completion_of_kinds_and_confidences(self):
        text = POLICY.replace("kind obligation", "kind ")
        labels = {i["label"] for i in self.complete(text, "kind \n", len("kind "))}
        self.assertEqual(labels, {"obligation", "formality", "recommendation", "good_practice"})
        text = POLICY.replace("confidence confirmed", "confidence ")
        labels = {i["label"] for i in self.complete(text, "confidence \n", len("confidence "))}
        self.assertEqual(labels, {"confirmed", "secondary", "unverified"})

    def test_completion_of_sources_after_cite(self):
        text = POLICY.replace('cite gdpr "Art. 28"', "cite ")
        items = self.complete(text, "cite \n", len("cite "))
        labels = {i["label"] for i in items}
        for source in ("guide", "gdpr", "lil", "code_civil"):  # own, and common.gdpr's
            self.assertIn(source, labels)
        gdpr = next(i for i in items if i["label"] == "gdpr")
        self.assertIn("General Data Protection Regulation", gdpr["detail"])
        partial = POLICY.replace('cite gdpr "Art. 28"', "cite code_t")
        labels = {i["label"] for i in self.complete(partial, "cite code_t", len("cite code_t"))}
        self.assertEqual(labels, {"code_travail"})

    def test_completion_of_modules_and_see_targets(self):
        text = POLICY.replace("import common.gdpr", "import common.")
        labels = {i["label"] for i in self.complete(text, "import common.", len("import common."))}
        self.assertIn("common.gdpr", labels)
        text = POLICY.replace("see acme.test.first", "see acme.test.")
        labels = {i["label"] for i in self.complete(text, "see acme.test.", len("see acme.test."))}
        self.assertEqual(labels, {"acme.test.first", "acme.test.second"})

    def test_completion_of_names_in_an_expression(self):
        text = POLICY.replace("when is_processor", "when is_p")
        items = self.complete(text, "when is_p", len("when is_p"))
        self.assertEqual([i["label"] for i in items], ["is_processor"])
        text = POLICY.replace("when is_processor", "when organ")
        self.assertEqual([i["label"] for i in self.complete(text, "when organ", len("when organ"))],
                         ["organisation"])

    # ---- definition

    def test_definition_of_a_def(self):
        [loc] = self.definition("when is_processor", offset=len("when "))
        self.assertEqual(loc["uri"], "file://" + self.path)
        self.assertEqual(loc["range"]["start"], position(POLICY, "is_processor"))

    def test_definition_of_a_table(self):
        [loc] = self.definition('periods["invoices"]')
        self.assertEqual(loc["range"]["start"], position(POLICY, "table periods", len("table ")))

    def test_definition_of_sources(self):
        [own] = self.definition("cite guide", offset=len("cite "))
        self.assertEqual(own["range"]["start"], position(POLICY, "source guide", len("source ")))
        [gdpr] = self.definition("cite gdpr", offset=len("cite "))
        self.assertEqual(gdpr["uri"], "file://" + COMMON_GDPR)
        self.assertEqual(gdpr["range"]["start"]["line"], line_of(COMMON_GDPR, "source gdpr {"))

    def test_definition_of_an_imported_module(self):
        [loc] = self.definition("import common.gdpr", offset=len("import common."))
        self.assertEqual(loc["uri"], "file://" + COMMON_GDPR)
        self.assertEqual(loc["range"]["start"]["line"], line_of(COMMON_GDPR, "module common.gdpr {"))

    def test_definition_of_a_see_target(self):
        [loc] = self.definition("see acme.test.first", offset=len("see acme.test.f"))
        self.assertEqual(loc["range"]["start"], position(POLICY, "first"))

    def test_definition_of_a_variable(self):
        [loc] = self.definition("p.legal_basis")
        self.assertEqual(loc["range"]["start"], position(POLICY, "p in purposes"))

    def test_no_definition_for_a_keyword(self):
        self.assertEqual(self.definition("kind obligation"), [])

    # ---- symbols

    def test_document_symbols(self):
        reply = self.client.request("textDocument/documentSymbol", {"textDocument": {"uri": "file://" + self.path}})
        [policy] = reply["result"]
        self.assertEqual(policy["name"], "acme.test")
        self.assertEqual(policy["selectionRange"]["start"], position(POLICY, "acme.test"))
        children = {c["name"]: c for c in policy["children"]}
        self.assertEqual(set(children), {"guide", "is_processor", "periods", "first", "second"})
        first = children["first"]
        self.assertEqual(first["kind"], 6)  # Method: a rule of the policy
        self.assertEqual(first["detail"], "obligation · confirmed")
        self.assertEqual(first["range"]["start"]["line"], position(POLICY, "rule first")["line"])
        self.assertEqual(first["range"]["end"]["line"], position(POLICY, "  }\n\n  rule second")["line"])

    # ---- requests the server does not serve

    # ---- formatting

    def format(self, text):
        self.client.change(self.path, text, version=200)
        try:
            return self.client.request("textDocument/formatting", {"textDocument": {"uri": "file://" + self.path},
                                                                   "options": {"tabSize": 8, "insertSpaces": False}})
        finally:
            self.client.change(self.path, POLICY, version=201)

    def test_formatting_is_souple_fmt(self):
        messy = POLICY.replace("\n  def is_processor", "\n\n\n      def   is_processor", 1).replace("\n", "\r\n") + "\n\n"
        reply = self.format(messy)
        [edit] = reply["result"]
        # One edit over the whole text (the client's tab options do not change the layout).
        lines = messy.split("\n")
        self.assertEqual(edit["range"], {"start": {"line": 0, "character": 0},
                                         "end": {"line": len(lines) - 1, "character": utf16_len(lines[-1])}})
        with tempfile.TemporaryDirectory() as d:
            messy_file = os.path.join(d, "acme.souple")
            with open(messy_file, "w", encoding="utf-8", newline="") as f:
                f.write(messy)
            fmt = subprocess.run([BIN, "fmt", messy_file], capture_output=True, timeout=TIMEOUT)
        self.assertEqual(fmt.returncode, 0, fmt.stderr)
        self.assertEqual(edit["newText"], fmt.stdout.decode("utf-8"))
        self.assertIn("\n  def is_processor", edit["newText"])
        self.assertNotIn("\r", edit["newText"])

    def test_formatting_a_formatted_document_changes_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "p.souple")
            with open(path, "w", encoding="utf-8") as f:
                f.write(POLICY)
            formatted = subprocess.run([BIN, "fmt", path], capture_output=True, timeout=TIMEOUT).stdout.decode("utf-8")
        self.assertEqual(self.format(formatted)["result"], [])

    def test_formatting_a_document_that_does_not_parse_fails(self):
        reply = self.format(POLICY.replace("rule ", "rule { ", 1))
        self.assertEqual(reply["error"]["code"], -32803)
        self.assertIn("[E1001]", reply["error"]["message"])

    def test_unknown_method(self):
        reply = self.client.request("textDocument/rename", {"textDocument": {"uri": "file://" + self.path},
                                                            "position": {"line": 0, "character": 0}, "newName": "x"})
        self.assertEqual(reply["error"]["code"], -32601)

    def test_invalid_params(self):
        reply = self.client.request("textDocument/hover", {"textDocument": {"uri": "file://" + self.path}})
        self.assertEqual(reply["error"]["code"], -32602)


def blank_strings_and_comments(text):
    """`text` with its strings and comments blanked out, every other character in place."""
    pattern = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|/\*.*?\*/', re.S)
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


class Corpus(unittest.TestCase):
    """Every `cite`, `import` and `see` of the bundled policies leads to its declaration."""

    def test_every_reference_of_the_bundled_corpus_resolves(self):
        client = Client(ROOT)
        try:
            client.initialize()
            asked = 0
            for path in sorted(glob.glob(os.path.join(ROOT, "policies", "**", "*.souple"), recursive=True)):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                code = blank_strings_and_comments(text)
                # Files not opened: the server reads them from disk.
                for m in re.finditer(r"\b(cite|import|see)\s+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)", code):
                    index = m.end(2) - 1
                    line = text.count("\n", 0, index)
                    start = text.rfind("\n", 0, index) + 1
                    reply = client.at("textDocument/definition", path,
                                      {"line": line, "character": utf16_len(text[start:index])})
                    asked += 1
                    with self.subTest(where=f"{os.path.relpath(path, ROOT)}:{line + 1}", what=m.group(0)):
                        self.assertTrue(reply["result"], reply)
                        target = reply["result"][0]
                        self.assertTrue(os.path.isfile(path_of(target["uri"])), target)
            self.assertGreater(asked, 1000)
            self.assertEqual(client.stop(), 0)
        finally:
            client.close()



class Lifecycle(unittest.TestCase):
    """Each test its own server: shutdown/exit, and input no client should send."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.client = Client(self.dir.name)

    def tearDown(self):
        self.client.close()
        self.dir.cleanup()

    def test_shutdown_then_exit(self):
        self.client.initialize()
        self.assertEqual(self.client.stop(), 0)

    def test_exit_without_shutdown(self):
        self.client.initialize()
        self.client.notify("exit", None)
        self.assertEqual(self.client.proc.wait(timeout=TIMEOUT), 1)

    def test_request_before_initialize(self):
        reply = self.client.request("textDocument/hover", {"textDocument": {"uri": "file:///x.souple"},
                                                           "position": {"line": 0, "character": 0}})
        self.assertEqual(reply["error"]["code"], -32002)
        self.client.initialize()
        self.assertEqual(self.client.stop(), 0)

    def test_utf8_positions_when_offered(self):
        reply = self.client.initialize({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
        self.assertEqual(reply["result"]["capabilities"]["positionEncoding"], "utf-8")
        path = os.path.join(self.dir.name, "broken.souple")
        diags = self.client.open(path, BROKEN)
        [field] = [d for d in diags if d["code"] == "E2005"]
        line = BROKEN.splitlines()[field["range"]["start"]["line"]]
        self.assertEqual(field["range"]["start"]["character"], len(line[:line.index("dpo_designatd")].encode()))
        self.assertEqual(self.client.stop(), 0)

    def test_malformed_input_does_not_stop_the_server(self):
        self.client.initialize()
        self.client.write(b"Content-Length: abc\r\n\r\n")
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        self.client.write(b"X-Nothing: 1\r\n\r\n")  # no Content-Length
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        self.client.write(frame(b"{not json"))
        reply = self.client.wait_for(lambda m: "error" in m)
        self.assertEqual(reply["error"]["code"], -32700)
        self.assertIsNone(reply["id"])
        self.client.write(frame(b"[1, 2]"))
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32600)
        self.client.write(frame(b'{"jsonrpc": "2.0", "id": 7}'))
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32600)
        self.client.write(frame(b'{"jsonrpc": "2.0", "id": 8, "method": "\xff"}'))  # not UTF-8
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        self.client.write(frame('{"jsonrpc": "2.0", "id": 9, "method": "\u00e9t\u00e9"}'.encode()))
        reply = self.client.wait_for(lambda m: "error" in m)
        self.assertEqual((reply["id"], reply["error"]["code"]), (9, -32601))
        self.client.write(b"Content-Length: " + b"9" * 40 + b"\r\n\r\n")  # no number that large
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        self.client.write(b"X-Long: " + b"x" * 20000 + b"\r\n\r\n")  # header over the bound
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        # A notification with wrong params is dropped; the document is not opened.
        self.client.notify("textDocument/didOpen", {"textDocument": {"uri": 3}})
        self.assertEqual(self.client.request("no/such/method")["error"]["code"], -32601)
        self.assertEqual(self.client.stop(), 0)

    def test_message_over_the_size_bound_is_skipped(self):
        self.client.initialize()
        size = (16 << 20) + 1
        self.client.write(b"Content-Length: %d\r\n\r\n" % size + b" " * size)
        self.assertEqual(self.client.wait_for(lambda m: "error" in m)["error"]["code"], -32700)
        self.assertEqual(self.client.stop(), 0)

    def test_end_of_input_without_exit(self):
        self.client.initialize()
        self.client.proc.stdin.close()
        self.assertEqual(self.client.proc.wait(timeout=TIMEOUT), 1)


if __name__ == "__main__":
    unittest.main()
